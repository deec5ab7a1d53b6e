//! A facilitator of a group.

super::link_table!("group_staff", group_id, user_id);
