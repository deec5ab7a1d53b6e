//! A worker assigned to a mission.

super::link_table!("mission_workers", mission_id, worker_id);
