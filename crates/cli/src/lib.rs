//! The `gongkai` command: thin wrappers that parse arguments and configuration and call the
//! library crates.

pub mod commands;
pub mod config;
pub mod demo;
