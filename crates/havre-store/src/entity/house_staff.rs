//! Who works in a house: she sees its residents, and its address if it is secret.

super::link_table!("house_staff", house_id, user_id);
