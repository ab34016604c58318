//! Writing the files a command produces. An error names the file, so a script that calls
//! `muster` learns which output failed, and why.

use std::path::Path;

/// Writes a whole file, replacing it.
pub fn write(path: &Path, contents: impl AsRef<[u8]>) -> std::io::Result<()> {
    std::fs::write(path, contents).map_err(|e| named(path, e))
}

/// Creates a folder and the folders above it.
pub fn create_dir_all(path: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(path).map_err(|e| named(path, e))
}

/// The error, saying which file it happened to.
pub fn named(path: &Path, e: std::io::Error) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn errors_name_the_file() {
        let e = super::write(std::path::Path::new("/dev/full"), "x").unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::StorageFull);
        assert!(e.to_string().starts_with("cannot write /dev/full: "), "{e}");
        let e = super::create_dir_all(std::path::Path::new("/dev/null/report")).unwrap_err();
        assert!(e.to_string().contains("/dev/null/report"), "{e}");
    }
}
