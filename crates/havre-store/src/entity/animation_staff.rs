//! A facilitator of an animation.

super::link_table!("animation_staff", animation_id, user_id);
