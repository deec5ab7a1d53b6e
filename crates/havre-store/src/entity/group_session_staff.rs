//! A facilitator present at a session.

super::link_table!("group_session_staff", session_id, user_id);
