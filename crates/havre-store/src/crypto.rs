//! Encryption of identifying fields at the store boundary (docs/safety.md "Data protection").
//!
//! Keys live outside the database: a key file in the data directory (mode 0600) or the
//! `HAVRE_MASTER_KEY` environment variable. The key file holds a keyring: one line per key,
//! `<id>:<base64 of 32 bytes>`, the first line being the key new data is written with. Older
//! keys stay until `havre admin rotate-key` has re-encrypted everything (see docs/keys.md).
//!
//! Each field is sealed with XChaCha20-Poly1305 (random 192-bit nonces, so no nonce
//! bookkeeping) under a key derived from the master key by HKDF, with the table, column and
//! row id as associated data: a ciphertext copied into another row or column fails to open.
//! Searchable fields (an email at login, later a phone at intake) also get a keyed blind index
//! (HMAC-SHA-256 of the normalized value) so that equality lookups never decrypt a table.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use std::fmt;
use std::io::Write;
use std::path::Path;
use zeroize::{Zeroize, ZeroizeOnDrop};

pub const KEY_FILE_NAME: &str = "master.key";
/// The id of the key-file entry that holds the audit chain's key.
pub const AUDIT_ID: &str = "audit";

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("the key file {path} cannot be read: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("the key file {path} cannot be written: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "the key file {path} is readable by other users (mode {mode:o}); run: chmod 600 {path}"
    )]
    Permissions { path: String, mode: u32 },
    #[error("malformed master key (expected lines of <id>:<base64 of 32 bytes>)")]
    Malformed,
}

#[derive(Zeroize, ZeroizeOnDrop)]
struct MasterKey {
    #[zeroize(skip)]
    id: String,
    bytes: [u8; 32],
}

#[derive(Zeroize, ZeroizeOnDrop)]
struct DerivedKeys {
    #[zeroize(skip)]
    id: String,
    field: [u8; 32],
    blind: [u8; 32],
    mac: [u8; 32],
    audit: [u8; 32],
}

impl DerivedKeys {
    fn derive(master: &MasterKey) -> Self {
        let hk = Hkdf::<Sha256>::new(Some(b"havre"), &master.bytes);
        let mut field = [0u8; 32];
        let mut blind = [0u8; 32];
        let mut mac = [0u8; 32];
        let mut audit = [0u8; 32];
        // Infallible: 32 bytes is far below HKDF-SHA-256's output limit.
        hk.expand(b"havre field encryption v1", &mut field)
            .expect("32-byte HKDF output");
        hk.expand(b"havre blind index v1", &mut blind)
            .expect("32-byte HKDF output");
        hk.expand(b"havre file authentication v1", &mut mac)
            .expect("32-byte HKDF output");
        hk.expand(b"havre audit chain v1", &mut audit)
            .expect("32-byte HKDF output");
        DerivedKeys {
            id: master.id.clone(),
            field,
            blind,
            mac,
            audit,
        }
    }
}

/// The keys in use. The first one seals new data; all of them open old data.
pub struct Keyring {
    keys: Vec<DerivedKeys>,
    /// The key of the audit chain's HMAC. It is not rotated with the field keys: entries
    /// written years ago must still verify. Given by an `audit:` entry, or, when there is
    /// none, derived from the first key (and written out at the first rotation).
    audit: zeroize::Zeroizing<[u8; 32]>,
    audit_explicit: bool,
}

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<&str> = self.keys.iter().map(|k| k.id.as_str()).collect();
        f.debug_struct("Keyring").field("ids", &ids).finish()
    }
}

/// Where a sealed value belongs: associated data that binds the ciphertext to its place.
#[derive(Clone, Copy, Debug)]
pub struct FieldRef<'a> {
    pub table: &'a str,
    pub column: &'a str,
    pub row: &'a str,
}

#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    #[error("a sealed field could not be opened (wrong key, or the value was altered or moved)")]
    Open,
    #[error("a sealed field names key {0}, which is not in the keyring")]
    UnknownKey(String),
    #[error("a sealed field is malformed")]
    Malformed,
}

const SEALED_PREFIX: &str = "v1";
/// The prefix of a value sealed with a file's own key rather than the keyring.
const FILE_SEALED_PREFIX: &str = "f1:";

/// The key of one person's file (docs/privacy.md "Destruction"). What identifies her (her
/// name, how to reach her, the notes, her relatives' names, the documents) is sealed with it,
/// and it is kept sealed by the keyring on her row: destroying it makes all of that
/// unreadable at once, in the database and in the backups Havre keeps, where it is destroyed
/// too. A value sealed with it reads `f1:<base64(nonce || ciphertext)>`, bound to its place as
/// the keyring's values are.
pub struct FileKey(zeroize::Zeroizing<[u8; 32]>);

impl FileKey {
    /// A new random key.
    pub fn generate() -> Self {
        let mut bytes = zeroize::Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(bytes.as_mut());
        FileKey(bytes)
    }

    /// Whether a value was sealed with a file's key.
    pub fn sealed_it(sealed: &str) -> bool {
        sealed.starts_with(FILE_SEALED_PREFIX)
    }

    pub fn seal(&self, at: FieldRef<'_>, plaintext: &str) -> String {
        self.seal_bytes(at, plaintext.as_bytes())
    }

    pub fn seal_bytes(&self, at: FieldRef<'_>, plaintext: &[u8]) -> String {
        let cipher = XChaCha20Poly1305::new(self.0.as_ref().into());
        let mut nonce = [0u8; 24];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let aad = aad(at);
        let ciphertext = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plaintext,
                    aad: &aad,
                },
            )
            // Encryption fails only for messages over 256 GiB.
            .expect("XChaCha20-Poly1305 encryption of a field");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ciphertext);
        format!("{FILE_SEALED_PREFIX}{}", B64.encode(out))
    }

    pub fn open(&self, at: FieldRef<'_>, sealed: &str) -> Result<String, CryptoError> {
        String::from_utf8(self.open_bytes(at, sealed)?).map_err(|_| CryptoError::Malformed)
    }

    pub fn open_bytes(&self, at: FieldRef<'_>, sealed: &str) -> Result<Vec<u8>, CryptoError> {
        let body = sealed
            .strip_prefix(FILE_SEALED_PREFIX)
            .ok_or(CryptoError::Malformed)?;
        let raw = B64.decode(body).map_err(|_| CryptoError::Malformed)?;
        if raw.len() < 24 + 16 {
            return Err(CryptoError::Malformed);
        }
        let (nonce, ciphertext) = raw.split_at(24);
        let cipher = XChaCha20Poly1305::new(self.0.as_ref().into());
        let aad = aad(at);
        cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: &aad,
                },
            )
            .map_err(|_| CryptoError::Open)
    }
}

/// The associated data that binds a sealed value to its table, column and row.
fn aad(at: FieldRef<'_>) -> Vec<u8> {
    format!("havre|{}|{}|{}", at.table, at.column, at.row).into_bytes()
}

impl Keyring {
    /// Parses `<id>:<base64>` entries separated by newlines or commas.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        let mut keys = Vec::new();
        let mut audit: Option<zeroize::Zeroizing<[u8; 32]>> = None;
        for entry in text
            .split([',', '\n'])
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let (id, b64) = entry.split_once(':').ok_or(KeyError::Malformed)?;
            if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                return Err(KeyError::Malformed);
            }
            let mut raw = B64.decode(b64.trim()).map_err(|_| KeyError::Malformed)?;
            let bytes: [u8; 32] = raw.as_slice().try_into().map_err(|_| KeyError::Malformed)?;
            raw.zeroize();
            if id == AUDIT_ID {
                audit = Some(zeroize::Zeroizing::new(bytes));
                continue;
            }
            let master = MasterKey {
                id: id.to_owned(),
                bytes,
            };
            keys.push(DerivedKeys::derive(&master));
        }
        if keys.is_empty() {
            return Err(KeyError::Malformed);
        }
        let audit_explicit = audit.is_some();
        let audit = audit.unwrap_or_else(|| zeroize::Zeroizing::new(keys[0].audit));
        Ok(Keyring {
            keys,
            audit,
            audit_explicit,
        })
    }

    /// The `audit:` entry to keep in the key file, when the keyring has none yet: the audit
    /// key derived from the current first key, which a rotation would otherwise change.
    pub fn audit_entry_to_keep(&self) -> Option<String> {
        (!self.audit_explicit).then(|| format!("{AUDIT_ID}:{}", B64.encode(*self.audit)))
    }

    /// A new random audit entry, written beside the first key of a new key file.
    pub fn new_audit_entry() -> String {
        let mut bytes = zeroize::Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(bytes.as_mut());
        format!("{AUDIT_ID}:{}", B64.encode(*bytes))
    }

    /// The HMAC that chains the audit log.
    pub fn audit_mac(&self) -> Hmac<Sha256> {
        <Hmac<Sha256> as Mac>::new_from_slice(self.audit.as_ref())
            .expect("HMAC accepts any key length")
    }

    /// A new random key entry, as it is written in the key file.
    pub fn new_entry() -> String {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let mut id_bytes = [0u8; 4];
        rand::rngs::OsRng.fill_bytes(&mut id_bytes);
        let id: String = id_bytes.iter().map(|b| format!("{b:02x}")).collect();
        let entry = format!("{id}:{}", B64.encode(bytes));
        bytes.zeroize();
        entry
    }

    /// Loads the keyring from `HAVRE_MASTER_KEY` (given as `env_value`) or from the key file in
    /// `data_dir`, creating the file on first start. Returns the keyring and whether a new key
    /// was created (the caller then tells the operator to back it up).
    pub fn load_or_create(
        data_dir: &Path,
        env_value: Option<&str>,
    ) -> Result<(Self, bool), KeyError> {
        if let Some(value) = env_value {
            return Ok((Keyring::parse(value)?, false));
        }
        let path = data_dir.join(KEY_FILE_NAME);
        let shown = path.display().to_string();
        if path.exists() {
            check_private(&path)?;
            let text = std::fs::read_to_string(&path).map_err(|source| KeyError::Read {
                path: shown.clone(),
                source,
            })?;
            return Ok((Keyring::parse(&text)?, false));
        }
        let entry = Keyring::new_entry();
        let text = format!("{entry}\n{}\n", Keyring::new_audit_entry());
        write_private(&path, &text).map_err(|source| KeyError::Write {
            path: shown,
            source,
        })?;
        Ok((Keyring::parse(&text)?, true))
    }

    pub fn current_id(&self) -> &str {
        &self.keys[0].id
    }

    pub fn key_ids(&self) -> Vec<String> {
        self.keys.iter().map(|k| k.id.clone()).collect()
    }

    /// A file's key, sealed with the keyring to be kept on the file's row.
    pub fn wrap_file_key(&self, at: FieldRef<'_>, key: &FileKey) -> String {
        self.seal_bytes(at, key.0.as_ref())
    }

    /// A file's key, opened from its row.
    pub fn unwrap_file_key(&self, at: FieldRef<'_>, sealed: &str) -> Result<FileKey, CryptoError> {
        let mut raw = self.open_bytes(at, sealed)?;
        let bytes: [u8; 32] = raw
            .as_slice()
            .try_into()
            .map_err(|_| CryptoError::Malformed)?;
        raw.zeroize();
        Ok(FileKey(zeroize::Zeroizing::new(bytes)))
    }

    /// Seals a value: `v1:<key id>:<base64(nonce || ciphertext)>`.
    pub fn seal(&self, at: FieldRef<'_>, plaintext: &str) -> String {
        self.seal_bytes(at, plaintext.as_bytes())
    }

    /// Seals bytes (an attachment) in the same format as a text field.
    pub fn seal_bytes(&self, at: FieldRef<'_>, plaintext: &[u8]) -> String {
        let key = &self.keys[0];
        let cipher = XChaCha20Poly1305::new((&key.field).into());
        let mut nonce = [0u8; 24];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let aad = aad(at);
        let ciphertext = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plaintext,
                    aad: &aad,
                },
            )
            // Encryption fails only for messages over 256 GiB.
            .expect("XChaCha20-Poly1305 encryption of a field");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ciphertext);
        format!("{SEALED_PREFIX}:{}:{}", key.id, B64.encode(out))
    }

    pub fn open(&self, at: FieldRef<'_>, sealed: &str) -> Result<String, CryptoError> {
        String::from_utf8(self.open_bytes(at, sealed)?).map_err(|_| CryptoError::Malformed)
    }

    /// Opens what `seal_bytes` sealed.
    pub fn open_bytes(&self, at: FieldRef<'_>, sealed: &str) -> Result<Vec<u8>, CryptoError> {
        let mut parts = sealed.splitn(3, ':');
        let (Some(SEALED_PREFIX), Some(id), Some(body)) =
            (parts.next(), parts.next(), parts.next())
        else {
            return Err(CryptoError::Malformed);
        };
        let key = self
            .keys
            .iter()
            .find(|k| k.id == id)
            .ok_or_else(|| CryptoError::UnknownKey(id.to_owned()))?;
        let raw = B64.decode(body).map_err(|_| CryptoError::Malformed)?;
        if raw.len() < 24 + 16 {
            return Err(CryptoError::Malformed);
        }
        let (nonce, ciphertext) = raw.split_at(24);
        let cipher = XChaCha20Poly1305::new((&key.field).into());
        let aad = aad(at);
        cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: &aad,
                },
            )
            .map_err(|_| CryptoError::Open)
    }

    /// Whether a sealed value was written with the current key (rotation re-seals the others).
    pub fn is_current(&self, sealed: &str) -> bool {
        sealed
            .split(':')
            .nth(1)
            .is_some_and(|id| id == self.keys[0].id)
    }

    /// An HMAC-SHA-256 for authenticating a file (a backup), with the current key or, to
    /// check one, with the key it names. Returns the key id with it.
    pub fn file_mac(&self, key_id: Option<&str>) -> Result<(String, Hmac<Sha256>), CryptoError> {
        let key = match key_id {
            None => &self.keys[0],
            Some(id) => self
                .keys
                .iter()
                .find(|k| k.id == id)
                .ok_or_else(|| CryptoError::UnknownKey(id.to_owned()))?,
        };
        let mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&key.mac).expect("HMAC accepts any key length");
        Ok((key.id.clone(), mac))
    }

    /// A keyed blind index of a value, for equality lookups: `purpose` separates the indexes
    /// of different fields so that equal values in two fields do not match each other.
    pub fn blind_index(&self, purpose: &str, normalized: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.keys[0].blind)
            .expect("HMAC accepts any key length");
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(normalized.as_bytes());
        let tag = mac.finalize().into_bytes();
        tag.iter().map(|b| format!("{b:02x}")).collect()
    }
}

fn check_private(path: &Path) -> Result<(), KeyError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .map_err(|source| KeyError::Read {
                path: path.display().to_string(),
                source,
            })?
            .permissions()
            .mode()
            & 0o777;
        if mode & 0o077 != 0 {
            return Err(KeyError::Permissions {
                path: path.display().to_string(),
                mode,
            });
        }
    }
    Ok(())
}

/// Writes a file readable by its owner only, durably (the key is useless if lost in a crash).
pub fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(contents.as_bytes())?;
    file.sync_all()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(row: &str) -> FieldRef<'_> {
        FieldRef {
            table: "users",
            column: "name",
            row,
        }
    }

    #[test]
    fn sealed_fields_open_only_in_their_place() {
        let ring = Keyring::parse(&Keyring::new_entry()).unwrap();
        let sealed = ring.seal(at("r1"), "Marie Tremblay");
        assert!(!sealed.contains("Marie"));
        assert_eq!(ring.open(at("r1"), &sealed).unwrap(), "Marie Tremblay");
        assert!(matches!(
            ring.open(at("r2"), &sealed),
            Err(CryptoError::Open)
        ));
        let other = FieldRef {
            table: "users",
            column: "email",
            row: "r1",
        };
        assert!(matches!(ring.open(other, &sealed), Err(CryptoError::Open)));
    }

    #[test]
    fn an_altered_ciphertext_is_refused() {
        let ring = Keyring::parse(&Keyring::new_entry()).unwrap();
        let sealed = ring.seal(at("r1"), "Marie");
        let (head, body) = sealed.rsplit_once(':').unwrap();
        let mut raw = B64.decode(body).unwrap();
        let last = raw.len() - 1;
        raw[last] ^= 1;
        let altered = format!("{head}:{}", B64.encode(raw));
        assert!(matches!(
            ring.open(at("r1"), &altered),
            Err(CryptoError::Open)
        ));
    }

    #[test]
    fn a_rotated_keyring_opens_old_values_and_seals_with_the_new_key() {
        let old = Keyring::new_entry();
        let ring_old = Keyring::parse(&old).unwrap();
        let sealed = ring_old.seal(at("r1"), "Julie");
        let ring_new = Keyring::parse(&format!("{}\n{old}", Keyring::new_entry())).unwrap();
        assert_eq!(ring_new.open(at("r1"), &sealed).unwrap(), "Julie");
        assert!(!ring_new.is_current(&sealed));
        assert!(ring_new.is_current(&ring_new.seal(at("r1"), "Julie")));
        let stranger = Keyring::parse(&Keyring::new_entry()).unwrap();
        assert!(matches!(
            stranger.open(at("r1"), &sealed),
            Err(CryptoError::UnknownKey(_))
        ));
    }

    #[test]
    fn blind_indexes_are_keyed_and_separated_by_purpose() {
        let ring = Keyring::parse(&Keyring::new_entry()).unwrap();
        let other = Keyring::parse(&Keyring::new_entry()).unwrap();
        let a = ring.blind_index("email", "marie@example.org");
        assert_eq!(a, ring.blind_index("email", "marie@example.org"));
        assert_ne!(a, ring.blind_index("phone", "marie@example.org"));
        assert_ne!(a, other.blind_index("email", "marie@example.org"));
    }

    #[test]
    fn the_key_file_is_created_private_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let (first, created) = Keyring::load_or_create(dir.path(), None).unwrap();
        assert!(created);
        let (again, created) = Keyring::load_or_create(dir.path(), None).unwrap();
        assert!(!created);
        assert_eq!(first.current_id(), again.current_id());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let path = dir.path().join(KEY_FILE_NAME);
            assert_eq!(
                std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            assert!(matches!(
                Keyring::load_or_create(dir.path(), None),
                Err(KeyError::Permissions { .. })
            ));
        }
    }
}
