//! The demo city: agencies, staff and documents seeded by `gongkai demo`.

pub mod annual;
pub mod cases;
pub mod corpus;
pub mod gazette;
pub mod lifecycle;
pub mod seed;
