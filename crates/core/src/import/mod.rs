//! Readers for legacy content: the page-text format of old disclosure platforms and the
//! gongkai JSON Lines interchange format.

pub mod dates;
pub mod hanzi;
pub mod legacy;
pub mod page_text;
pub mod records;
