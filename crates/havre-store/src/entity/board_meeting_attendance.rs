//! A member present at a board meeting.

super::link_table!("board_meeting_attendance", board_meeting_id, member_id);
