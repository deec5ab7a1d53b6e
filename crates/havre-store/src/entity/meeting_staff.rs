//! A member of the team present at a meeting.

super::link_table!("meeting_staff", meeting_id, user_id);
