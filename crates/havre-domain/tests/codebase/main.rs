//! Rules about the code itself, read from the workspace's sources (docs/architecture.md
//! "Conventions"), in one test binary: access is decided only in the policy module, no crate
//! has an import circle, and every document a comment cites exists.

mod access;
mod circles;
mod citations;
