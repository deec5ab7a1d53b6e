//! A facilitator of a drop-in.

super::link_table!("dropin_staff", dropin_id, user_id);
