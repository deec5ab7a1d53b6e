//! A woman present at a meeting of her group.

super::link_table!("group_attendance", session_id, person_id);
