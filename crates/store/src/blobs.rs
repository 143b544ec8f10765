//! Attachment files, stored content-addressed (by SHA-256) under the data directory.
//!
//! Content addressing makes identical uploads share one file, lets an edition copy its
//! attachments without copying bytes, and gives every file a name that cannot collide. The
//! [`BlobStore`] trait is the seam where an object store can replace the local directory when
//! several web nodes serve the site.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::StoreError;

pub trait BlobStore: Send + Sync {
    /// Stores `bytes` and returns their SHA-256 (hex). Storing the same bytes twice is a no-op.
    fn put(&self, bytes: &[u8]) -> Result<String, StoreError>;
    fn get(&self, sha256: &str) -> Result<Vec<u8>, StoreError>;
    fn exists(&self, sha256: &str) -> bool;
}

/// Blobs as files `blobs/ab/cd/abcd…` under a directory.
#[derive(Debug, Clone)]
pub struct FsBlobStore {
    root: PathBuf,
}

impl FsBlobStore {
    pub fn new(data_dir: &Path) -> FsBlobStore {
        FsBlobStore { root: data_dir.join("blobs") }
    }

    fn path(&self, sha256: &str) -> Result<PathBuf, StoreError> {
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()) {
            return Err(StoreError::NotFound);
        }
        Ok(self.root.join(&sha256[..2]).join(&sha256[2..4]).join(sha256))
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

impl BlobStore for FsBlobStore {
    fn put(&self, bytes: &[u8]) -> Result<String, StoreError> {
        let sha = sha256_hex(bytes);
        let path = self.path(&sha)?;
        if path.exists() {
            return Ok(sha);
        }
        let dir = path.parent().expect("blob paths have a parent");
        let io = |what: &str, e| StoreError::Io(format!("{what} {}", dir.display()), e);
        std::fs::create_dir_all(dir).map_err(|e| io("creating", e))?;
        // Write to a temporary name and rename, so a crash never leaves a truncated file under
        // the final (content-derived) name.
        let tmp = dir.join(format!(".{sha}.{}.tmp", std::process::id()));
        std::fs::write(&tmp, bytes).map_err(|e| io("writing into", e))?;
        std::fs::rename(&tmp, &path).map_err(|e| io("renaming in", e))?;
        Ok(sha)
    }

    fn get(&self, sha256: &str) -> Result<Vec<u8>, StoreError> {
        let path = self.path(sha256)?;
        std::fs::read(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => StoreError::NotFound,
            _ => StoreError::Io(format!("reading {}", path.display()), e),
        })
    }

    fn exists(&self, sha256: &str) -> bool {
        self.path(sha256).is_ok_and(|p| p.exists())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_bytes_same_blob_and_bad_names_are_not_found() {
        let dir = tempfile::tempdir().unwrap();
        let store = FsBlobStore::new(dir.path());
        let a = store.put(b"%PDF-1.7 hello").unwrap();
        let b = store.put(b"%PDF-1.7 hello").unwrap();
        assert_eq!(a, b);
        assert_eq!(store.get(&a).unwrap(), b"%PDF-1.7 hello");
        assert!(matches!(store.get("../../etc/passwd"), Err(StoreError::NotFound)));
        assert!(matches!(store.get(&"0".repeat(64)), Err(StoreError::NotFound)));
    }
}
