//! Documents (政府信息) and their metadata.
