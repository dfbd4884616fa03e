//! TLS as PHP's `ssl` stream context sets it up for php-amqplib (`ext/openssl/xp_ssl.c`): the options
//! `AMQPConnectionConfig` holds (`cafile`, `capath`, `local_cert`, `local_pk`, `passphrase`,
//! `verify_peer`, `verify_peer_name`, `ciphers`, `security_level`) and those a stream context adds
//! (`peer_name`, `peer_fingerprint`, `allow_self_signed`, `verify_depth`).
//!
//! As in PHP, a connector is made for each connect (files read then: a lazy connection fails at its
//! first use, a reconnect reads renewed certificates), the chain is verified by OpenSSL during the
//! handshake (`verify_peer`), and the peer's name (`verify_peer_name`, on even when `verify_peer` is
//! off) and fingerprint are checked after it (`Tls::check`).

use std::{
    ffi::{c_char, CString},
    io::Read,
    os::unix::ffi::OsStrExt,
    path::{Path, PathBuf},
};

use foreign_types_shared::ForeignTypeRef;
use openssl::{
    hash::MessageDigest,
    pkey::PKey,
    ssl::{Ssl, SslConnector, SslConnectorBuilder, SslFiletype, SslMethod, SslRef, SslVerifyMode},
    x509::{
        store::{X509Lookup, X509StoreBuilder},
        X509Ref, X509VerifyResult, X509,
    },
};

/// `peer_fingerprint`: a hex digest (32 characters: MD5, 40: SHA-1) or `[algorithm => hex digest]`,
/// all of which must match.
#[derive(Clone, Debug, PartialEq)]
pub enum Fingerprint {
    Digest(String),
    Digests(Vec<(String, String)>),
    /// Not of a form PHP takes: every connect fails with PHP's words for it.
    Invalid(&'static str),
}

/// The `ssl` context options, as read from the config; None is PHP's default. Paths and the passphrase
/// are bytes, as PHP passes them.
#[derive(Clone, Debug, Default)]
pub struct TlsOptions {
    pub ca_file: Option<Vec<u8>>,
    pub ca_path: Option<Vec<u8>>,
    pub cert_file: Option<Vec<u8>>,
    pub key_file: Option<Vec<u8>>,
    pub passphrase: Option<Vec<u8>>,
    pub verify_peer: Option<bool>,
    pub verify_peer_name: Option<bool>,
    pub ciphers: Option<String>,
    pub security_level: Option<u32>,
    pub peer_name: Option<String>,
    pub peer_fingerprint: Option<Fingerprint>,
    pub allow_self_signed: bool,
    pub verify_depth: Option<u32>,
}

/// PHP's OPENSSL_DEFAULT_STREAM_VERIFY_DEPTH.
const DEFAULT_VERIFY_DEPTH: u32 = 9;

/// More than any certificate file holds: a larger one (`/dev/zero`) is refused, not read to the end.
const MAX_FILE: u64 = 16 << 20;

/// OpenSSL's verify results PHP's verify callback treats specially (x509_vfy.h).
const X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT: i32 = 18;
const X509_V_ERR_CERT_CHAIN_TOO_LONG: i32 = 22;

/// One connect's TLS set-up.
#[derive(Clone, Debug)]
pub struct Tls {
    connector: SslConnector,
    verify_peer: bool,
    verify_name: bool,
    peer_name: Option<String>,
    fingerprint: Option<Fingerprint>,
}

impl Tls {
    /// The connector for `options`; Err: why an option cannot be used, in PHP's words where PHP has them.
    pub fn new(options: &TlsOptions) -> Result<Self, String> {
        let options = &options.as_c_strings();
        let mut builder = SslConnector::builder(SslMethod::tls()).map_err(|e| e.to_string())?;
        let verify_peer = options.verify_peer.unwrap_or(true);
        if verify_peer {
            trust(&mut builder, options)?;
            let allow_self_signed = options.allow_self_signed;
            let depth = options.verify_depth.unwrap_or(DEFAULT_VERIFY_DEPTH);
            // PHP's verify callback: a self-signed peer when allowed, and no chain deeper than allowed.
            builder.set_verify_callback(SslVerifyMode::PEER, move |ok, ctx| {
                let mut ok = ok || (allow_self_signed && ctx.error().as_raw() == X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT);
                if ctx.error_depth() > depth {
                    ok = false;
                    // SAFETY: a verify result code of OpenSSL's.
                    ctx.set_error(unsafe { X509VerifyResult::from_raw(X509_V_ERR_CERT_CHAIN_TOO_LONG) });
                }
                ok
            });
        } else {
            builder.set_verify(SslVerifyMode::NONE);
        }
        if let Some(cert_file) = &options.cert_file {
            identity(&mut builder, cert_file, options.key_file.as_deref().unwrap_or(cert_file), options.passphrase.as_deref())?;
        }
        if let Some(ciphers) = &options.ciphers {
            builder.set_cipher_list(ciphers).map_err(|e| format!("Failed setting cipher list: {ciphers}: {e}"))?;
        }
        if let Some(level) = options.security_level {
            builder.set_security_level(level);
        }
        Ok(Tls {
            connector: builder.build(),
            verify_peer,
            verify_name: options.verify_peer_name.unwrap_or(true),
            peer_name: options.peer_name.clone(),
            fingerprint: options.peer_fingerprint.clone(),
        })
    }

    /// The session for a connect to `host`: `peer_name` (else `host`) goes out as SNI. OpenSSL checks
    /// no name: `check` does, as PHP does.
    pub fn ssl(&self, host: &str) -> Result<Ssl, openssl::error::ErrorStack> {
        self.connector.configure()?.verify_hostname(false).into_ssl(self.name(host))
    }

    /// After the handshake: a peer certificate when anything is to be verified (an anonymous cipher
    /// suite sends none, and OpenSSL then has verified nothing), then its fingerprint and name, as PHP
    /// checks them.
    pub fn check(&self, ssl: &SslRef, host: &str) -> Result<(), String> {
        if !self.verify_peer && !self.verify_name && self.fingerprint.is_none() {
            return Ok(());
        }
        let peer = ssl.peer_certificate().ok_or("Could not get peer certificate")?;
        if let Some(expected) = &self.fingerprint {
            if !fingerprint_matches(&peer, expected)? {
                return Err("peer_fingerprint match failure".into());
            }
        }
        let name = self.name(host);
        if self.verify_name && !name_matches(&peer, name) {
            return Err(format!("Peer certificate did not match expected name `{name}'"));
        }
        Ok(())
    }

    fn name<'a>(&'a self, host: &'a str) -> &'a str {
        self.peer_name.as_deref().unwrap_or(host)
    }
}

impl TlsOptions {
    /// The options as PHP's ssl context hands them to OpenSSL: C strings, which end at a NUL byte (the
    /// openssl crate would panic on one).
    fn as_c_strings(&self) -> Self {
        let bytes = |s: &Option<Vec<u8>>| s.as_deref().map(|s| s.split(|&b| b == 0).next().unwrap_or_default().to_vec());
        let text = |s: &Option<String>| s.as_deref().map(|s| s.split('\0').next().unwrap_or_default().to_owned());
        TlsOptions {
            ca_file: bytes(&self.ca_file),
            ca_path: bytes(&self.ca_path),
            cert_file: bytes(&self.cert_file),
            key_file: bytes(&self.key_file),
            passphrase: bytes(&self.passphrase),
            ciphers: text(&self.ciphers),
            peer_name: text(&self.peer_name),
            ..self.clone()
        }
    }
}

fn path(bytes: &[u8]) -> PathBuf {
    Path::new(std::ffi::OsStr::from_bytes(bytes)).to_path_buf()
}

/// A certificate or key file, read whole (up to `MAX_FILE`).
fn read(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut contents = Vec::new();
    std::fs::File::open(path(bytes))?.take(MAX_FILE + 1).read_to_end(&mut contents)?;
    if contents.len() as u64 > MAX_FILE {
        return Err(std::io::Error::other("larger than any certificate file"));
    }
    Ok(contents)
}

/// The certificates the broker's must chain to: `cafile` and `capath` alone when given (PHP loads
/// nothing else then), else OpenSSL's default locations, which the connector builder has set.
fn trust(builder: &mut SslConnectorBuilder, options: &TlsOptions) -> Result<(), String> {
    if options.ca_file.is_none() && options.ca_path.is_none() {
        return Ok(());
    }
    let mut store = X509StoreBuilder::new().map_err(|e| e.to_string())?;
    if let Some(file) = &options.ca_file {
        let shown = String::from_utf8_lossy(file);
        let failed = |e: &dyn std::fmt::Display| format!("Unable to read the CA file {shown}: {e}");
        let certificates = X509::stack_from_pem(&read(file).map_err(|e| failed(&e))?).map_err(|e| failed(&e))?;
        if certificates.is_empty() {
            return Err(failed(&"no certificate in it"));
        }
        for certificate in certificates {
            store.add_cert(certificate).map_err(|e| failed(&e))?;
        }
    }
    if let Some(dir) = &options.ca_path {
        let lookup = store.add_lookup(X509Lookup::hash_dir()).map_err(|e| e.to_string())?;
        let dir = String::from_utf8_lossy(dir);
        lookup.add_dir(&dir, SslFiletype::PEM).map_err(|e| format!("Unable to use the CA directory {dir}: {e}"))?;
    }
    builder.set_cert_store(store.build());
    Ok(())
}

/// The client certificate (`local_cert`: a PEM chain, the first certificate the client's) and its key
/// (`local_pk`, else the key in `local_cert`), decrypted with `passphrase`. The key is parsed here, not
/// by OpenSSL's file loader, whose default for an encrypted key without a passphrase prompts on the
/// terminal.
fn identity(builder: &mut SslConnectorBuilder, cert_file: &[u8], key_file: &[u8], passphrase: Option<&[u8]>) -> Result<(), String> {
    let shown = String::from_utf8_lossy(cert_file);
    let chain_error = |e: &dyn std::fmt::Display| format!("Unable to set local cert chain file `{shown}'; {e}");
    let mut chain = X509::stack_from_pem(&read(cert_file).map_err(|e| chain_error(&e))?).map_err(|e| chain_error(&e))?.into_iter();
    let certificate = chain.next().ok_or_else(|| chain_error(&"no certificate in it"))?;
    builder.set_certificate(&certificate).map_err(|e| chain_error(&e))?;
    for extra in chain {
        builder.add_extra_chain_cert(extra).map_err(|e| chain_error(&e))?;
    }
    let shown = String::from_utf8_lossy(key_file);
    let key_error = |e: &dyn std::fmt::Display| format!("Unable to set private key file `{shown}'; {e}");
    let pem = read(key_file).map_err(|e| key_error(&e))?;
    let key = PKey::private_key_from_pem_passphrase(&pem, passphrase.unwrap_or_default()).map_err(|e| key_error(&e))?;
    builder.set_private_key(&key).map_err(|e| key_error(&e))?;
    // A key of another type than the certificate's takes another slot, so setting it checked nothing.
    builder.check_private_key().map_err(|_| "Private key does not match certificate!".to_owned())
}

/// php_openssl_x509_fingerprint_match: the certificate's DER digest in hex, case-insensitively.
fn fingerprint_matches(peer: &X509Ref, expected: &Fingerprint) -> Result<bool, String> {
    let matches = |algorithm: &str, hex: &str| -> Result<bool, String> {
        let digest = MessageDigest::from_name(algorithm).ok_or_else(|| format!("Unknown digest algorithm: {algorithm}"))?;
        let actual = peer.digest(digest).map_err(|e| e.to_string())?;
        let actual: String = actual.iter().map(|b| format!("{b:02x}")).collect();
        Ok(actual.eq_ignore_ascii_case(hex))
    };
    match expected {
        Fingerprint::Digest(hex) => match hex.len() {
            32 => matches("md5", hex),
            40 => matches("sha1", hex),
            _ => Ok(false),
        },
        Fingerprint::Invalid(why) => Err((*why).to_owned()),
        Fingerprint::Digests(pairs) if pairs.is_empty() => Err("Invalid peer_fingerprint array; at least one fingerprint required".into()),
        Fingerprint::Digests(pairs) => {
            for (algorithm, hex) in pairs {
                if !matches(algorithm, hex)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
    }
}

/// Whether the certificate names `name`: an IP address among its IP entries, else a host name among
/// its DNS names (wildcards in the leftmost label) or, without any, its common name.
fn name_matches(peer: &X509Ref, name: &str) -> bool {
    let Ok(c_name) = CString::new(name) else { return false };
    let x509 = peer.as_ptr();
    // SAFETY: a live certificate and a NUL-terminated name; OpenSSL reads both and keeps neither.
    unsafe {
        if name.parse::<std::net::IpAddr>().is_ok() {
            openssl_sys::X509_check_ip_asc(x509, c_name.as_ptr(), 0) == 1
        } else {
            openssl_sys::X509_check_host(x509, c_name.as_ptr() as *const c_char, name.len(), 0, std::ptr::null_mut()) == 1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(name: &str, contents: &[u8]) -> Vec<u8> {
        let path = std::env::temp_dir().join(format!("mq-tls-{}-{name}", std::process::id()));
        std::fs::write(&path, contents).unwrap();
        path.as_os_str().as_bytes().to_vec()
    }

    fn remove(path: Vec<u8>) {
        std::fs::remove_file(super::path(&path)).unwrap();
    }

    fn self_signed(dns: &str) -> (X509, PKey<openssl::pkey::Private>) {
        let key = PKey::from_rsa(openssl::rsa::Rsa::generate(2048).unwrap()).unwrap();
        let mut name = openssl::x509::X509NameBuilder::new().unwrap();
        name.append_entry_by_text("CN", "mq-unit").unwrap();
        let name = name.build();
        let mut cert = openssl::x509::X509Builder::new().unwrap();
        cert.set_subject_name(&name).unwrap();
        cert.set_issuer_name(&name).unwrap();
        cert.set_pubkey(&key).unwrap();
        cert.set_not_before(&openssl::asn1::Asn1Time::days_from_now(0).unwrap()).unwrap();
        cert.set_not_after(&openssl::asn1::Asn1Time::days_from_now(1).unwrap()).unwrap();
        let san = openssl::x509::extension::SubjectAlternativeName::new().dns(dns).ip("127.0.0.1").build(&cert.x509v3_context(None, None)).unwrap();
        cert.append_extension(san).unwrap();
        cert.sign(&key, MessageDigest::sha256()).unwrap();
        (cert.build(), key)
    }

    fn pems(dns: &str) -> (Vec<u8>, Vec<u8>) {
        let (cert, key) = self_signed(dns);
        (cert.to_pem().unwrap(), key.private_key_to_pem_pkcs8().unwrap())
    }

    #[test]
    fn peer_verification_and_name_check_are_separate_as_in_php() {
        let tls = Tls::new(&TlsOptions::default()).unwrap();
        assert!(tls.verify_name);
        assert_eq!(tls.connector.context().verify_mode(), SslVerifyMode::PEER);
        let off = Tls::new(&TlsOptions { verify_peer: Some(false), ..Default::default() }).unwrap();
        assert!(off.verify_name, "verify_peer false leaves the name check on");
        assert_eq!(off.connector.context().verify_mode(), SslVerifyMode::NONE);
        let no_name = Tls::new(&TlsOptions { verify_peer_name: Some(false), ..Default::default() }).unwrap();
        assert!(!no_name.verify_name);
        assert_eq!(no_name.connector.context().verify_mode(), SslVerifyMode::PEER);
    }

    #[test]
    fn names_and_fingerprints() {
        let (cert, _) = self_signed("broker.example");
        assert!(name_matches(&cert, "broker.example"));
        assert!(name_matches(&cert, "BROKER.example"));
        assert!(name_matches(&cert, "127.0.0.1"));
        assert!(!name_matches(&cert, "other.example"));
        assert!(!name_matches(&cert, "127.0.0.2"));
        assert!(!name_matches(&cert, "127.1"));
        let sha1: String = cert.digest(MessageDigest::sha1()).unwrap().iter().map(|b| format!("{b:02X}")).collect();
        let md5: String = cert.digest(MessageDigest::md5()).unwrap().iter().map(|b| format!("{b:02x}")).collect();
        let sha256: String = cert.digest(MessageDigest::sha256()).unwrap().iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(fingerprint_matches(&cert, &Fingerprint::Digest(sha1.clone())), Ok(true));
        assert_eq!(fingerprint_matches(&cert, &Fingerprint::Digest(md5.clone())), Ok(true));
        assert_eq!(fingerprint_matches(&cert, &Fingerprint::Digest(sha256.clone())), Ok(false), "64 characters is no string form");
        assert_eq!(fingerprint_matches(&cert, &Fingerprint::Digest("0".repeat(40))), Ok(false));
        let both = Fingerprint::Digests(vec![("sha256".into(), sha256.clone()), ("md5".into(), md5)]);
        assert_eq!(fingerprint_matches(&cert, &both), Ok(true));
        let one_wrong = Fingerprint::Digests(vec![("sha256".into(), sha256), ("sha1".into(), "0".repeat(40))]);
        assert_eq!(fingerprint_matches(&cert, &one_wrong), Ok(false));
        assert!(fingerprint_matches(&cert, &Fingerprint::Digests(vec![("nope".into(), sha1)])).is_err());
        assert!(fingerprint_matches(&cert, &Fingerprint::Digests(Vec::new())).is_err(), "an empty array is no fingerprint");
    }

    #[test]
    fn client_certificate_with_its_key_in_the_same_file_a_separate_one_or_an_encrypted_one() {
        let (cert, key) = pems("a.example");
        let both = write("both.pem", &[cert.clone(), key.clone()].concat());
        let tls = Tls::new(&TlsOptions { cert_file: Some(both.clone()), ..Default::default() }).unwrap();
        assert!(tls.connector.context().certificate().is_some());
        let cert_only = write("cert.pem", &cert);
        let key_only = write("key.pem", &key);
        let separate = TlsOptions { cert_file: Some(cert_only.clone()), key_file: Some(key_only.clone()), ..Default::default() };
        assert!(Tls::new(&separate).is_ok());
        let parsed = PKey::private_key_from_pem(&key).unwrap();
        let cipher = openssl::symm::Cipher::aes_256_cbc();
        let encrypted = write("enc.pem", &parsed.private_key_to_pem_pkcs8_passphrase(cipher, b"secret").unwrap());
        let with = |passphrase: Option<&[u8]>| TlsOptions {
            cert_file: Some(cert_only.clone()),
            key_file: Some(encrypted.clone()),
            passphrase: passphrase.map(<[u8]>::to_vec),
            ..Default::default()
        };
        assert!(Tls::new(&with(Some(b"secret"))).is_ok());
        // Never a terminal prompt: a clear error.
        assert!(Tls::new(&with(None)).unwrap_err().starts_with("Unable to set private key file"));
        assert!(Tls::new(&with(Some(b"wrong"))).unwrap_err().starts_with("Unable to set private key file"));
        let (_, other_key) = pems("b.example");
        let mismatched = write("other.pem", &other_key);
        let mismatch = TlsOptions { cert_file: Some(cert_only.clone()), key_file: Some(mismatched.clone()), ..Default::default() };
        assert!(Tls::new(&mismatch).unwrap_err().contains("key values mismatch"));
        // A key of another type: OpenSSL takes it into another slot; the explicit check refuses it.
        let ec = PKey::from_ec_key(
            openssl::ec::EcKey::generate(&openssl::ec::EcGroup::from_curve_name(openssl::nid::Nid::X9_62_PRIME256V1).unwrap()).unwrap(),
        )
        .unwrap();
        let ec_key = write("ec.pem", &ec.private_key_to_pem_pkcs8().unwrap());
        let other_type = TlsOptions { cert_file: Some(cert_only.clone()), key_file: Some(ec_key.clone()), ..Default::default() };
        assert_eq!(Tls::new(&other_type).err().as_deref(), Some("Private key does not match certificate!"));
        let missing = TlsOptions { cert_file: Some(b"/nonexistent/cert.pem".to_vec()), ..Default::default() };
        assert!(Tls::new(&missing).unwrap_err().starts_with("Unable to set local cert chain file `/nonexistent/cert.pem'"));
        for path in [both, cert_only, key_only, encrypted, mismatched, ec_key] {
            remove(path);
        }
    }

    #[test]
    fn bad_ca_files_cipher_lists_and_endless_files_are_refused() {
        let missing = TlsOptions { ca_file: Some(b"/nonexistent/ca.pem".to_vec()), ..Default::default() };
        assert!(Tls::new(&missing).err().unwrap().starts_with("Unable to read the CA file /nonexistent/ca.pem"));
        let garbage = write("garbage.pem", b"not a certificate");
        let bad = TlsOptions { ca_file: Some(garbage.clone()), ..Default::default() };
        assert!(Tls::new(&bad).err().unwrap().starts_with("Unable to read the CA file"));
        remove(garbage);
        let ciphers = TlsOptions { ciphers: Some("NO-SUCH-CIPHER".into()), ..Default::default() };
        assert!(Tls::new(&ciphers).err().unwrap().starts_with("Failed setting cipher list"));
        let endless = TlsOptions { cert_file: Some(b"/dev/zero".to_vec()), ..Default::default() };
        assert!(Tls::new(&endless).err().unwrap().contains("larger than any certificate file"));
    }

    #[test]
    fn strings_end_at_a_nul_byte_as_c_strings_do() {
        let (cert, key) = pems("c.example");
        let cert_file = write("nul-cert.pem", &cert);
        let parsed = PKey::private_key_from_pem(&key).unwrap();
        let cipher = openssl::symm::Cipher::aes_256_cbc();
        let key_file = write("nul-key.pem", &parsed.private_key_to_pem_pkcs8_passphrase(cipher, b"a").unwrap());
        let options = TlsOptions {
            cert_file: Some([cert_file.as_slice(), b"\0ignored"].concat()),
            key_file: Some([key_file.as_slice(), b"\0"].concat()),
            passphrase: Some(b"a\0b".to_vec()),
            ciphers: Some("HIGH\0junk".into()),
            ca_path: Some(b"/tmp\0x".to_vec()),
            peer_name: Some("x\0y".into()),
            ..Default::default()
        };
        let tls = Tls::new(&options).unwrap();
        assert_eq!(tls.peer_name.as_deref(), Some("x"));
        remove(cert_file);
        remove(key_file);
    }
}
