//! TLS as PHP's `ssl` stream context sets it up for php-amqplib: the options `AMQPConnectionConfig`
//! holds (a stream context's `cafile`, `capath`, `local_cert`, `local_pk`, `passphrase`, `verify_peer`,
//! `verify_peer_name`, `ciphers`, `security_level`) made into one OpenSSL connector when the connection
//! is constructed, so a file that cannot be used fails the constructor, and every attempt reuses it.

use std::fs;

use openssl::{
    pkey::PKey,
    ssl::{ConnectConfiguration, SslConnector, SslConnectorBuilder, SslMethod, SslVerifyMode},
    x509::{
        store::{X509Lookup, X509StoreBuilder},
        X509,
    },
};

/// The `ssl` context options, as read from the config; None is PHP's default.
#[derive(Clone, Debug, Default)]
pub struct TlsOptions {
    pub ca_file: Option<String>,
    pub ca_path: Option<String>,
    pub cert_file: Option<String>,
    pub key_file: Option<String>,
    pub passphrase: Option<String>,
    pub verify_peer: Option<bool>,
    pub verify_peer_name: Option<bool>,
    pub ciphers: Option<String>,
    pub security_level: Option<u32>,
}

/// A TLS set-up ready for any number of connects.
#[derive(Clone, Debug)]
pub struct Tls {
    connector: SslConnector,
    verify_name: bool,
}

impl Tls {
    /// The connector for `options`; Err: why an option cannot be used, in PHP's words where PHP has them.
    pub fn new(options: &TlsOptions) -> Result<Self, String> {
        let mut builder = SslConnector::builder(SslMethod::tls()).map_err(|e| e.to_string())?;
        let verify_peer = options.verify_peer.unwrap_or(true);
        if verify_peer {
            trust(&mut builder, options)?;
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
        Ok(Tls { connector: builder.build(), verify_name: verify_peer && options.verify_peer_name.unwrap_or(true) })
    }

    /// One connection's TLS settings; its `into_ssl(host)` sends `host` as SNI and, unless
    /// `verify_peer_name` is off, checks it against the broker's certificate.
    pub fn configure(&self) -> Result<ConnectConfiguration, openssl::error::ErrorStack> {
        Ok(self.connector.configure()?.verify_hostname(self.verify_name))
    }
}

/// The certificates the broker's must chain to: `cafile` and `capath` alone when given (PHP loads
/// nothing else then), else OpenSSL's default locations, which the connector builder has set.
fn trust(builder: &mut SslConnectorBuilder, options: &TlsOptions) -> Result<(), String> {
    if options.ca_file.is_none() && options.ca_path.is_none() {
        return Ok(());
    }
    let mut store = X509StoreBuilder::new().map_err(|e| e.to_string())?;
    if let Some(path) = &options.ca_file {
        let pem = fs::read(path).map_err(|e| format!("Unable to read the CA file {path}: {e}"))?;
        let certificates = X509::stack_from_pem(&pem).map_err(|e| format!("Unable to read the CA file {path}: {e}"))?;
        if certificates.is_empty() {
            return Err(format!("Unable to read the CA file {path}: no certificate in it"));
        }
        for certificate in certificates {
            store.add_cert(certificate).map_err(|e| format!("Unable to read the CA file {path}: {e}"))?;
        }
    }
    if let Some(dir) = &options.ca_path {
        let lookup = store.add_lookup(X509Lookup::hash_dir()).map_err(|e| e.to_string())?;
        lookup
            .add_dir(dir, openssl::ssl::SslFiletype::PEM)
            .map_err(|e| format!("Unable to use the CA directory {dir}: {e}"))?;
    }
    builder.set_cert_store(store.build());
    Ok(())
}

/// The client certificate (`local_cert`: a PEM chain, the first certificate the client's) and its key
/// (`local_pk`, else the key in `local_cert`), decrypted with `passphrase`. The key is parsed here, not
/// by OpenSSL's file loader, whose default for an encrypted key without a passphrase prompts on the
/// terminal.
fn identity(builder: &mut SslConnectorBuilder, cert_file: &str, key_file: &str, passphrase: Option<&str>) -> Result<(), String> {
    let chain_error = |e: &dyn std::fmt::Display| format!("Unable to set local cert chain file `{cert_file}'; {e}");
    let pem = fs::read(cert_file).map_err(|e| chain_error(&e))?;
    let mut chain = X509::stack_from_pem(&pem).map_err(|e| chain_error(&e))?.into_iter();
    let certificate = chain.next().ok_or_else(|| chain_error(&"no certificate in it"))?;
    builder.set_certificate(&certificate).map_err(|e| chain_error(&e))?;
    for extra in chain {
        builder.add_extra_chain_cert(extra).map_err(|e| chain_error(&e))?;
    }
    let key_error = |e: &dyn std::fmt::Display| format!("Unable to set private key file `{key_file}'; {e}");
    let key_pem = fs::read(key_file).map_err(|e| key_error(&e))?;
    let key = PKey::private_key_from_pem_passphrase(&key_pem, passphrase.unwrap_or("").as_bytes()).map_err(|e| key_error(&e))?;
    // OpenSSL refuses a key that does not match the certificate here, as PHP's loading of it does.
    builder.set_private_key(&key).map_err(|e| key_error(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(name: &str, contents: &[u8]) -> String {
        let path = std::env::temp_dir().join(format!("mq-tls-{}-{name}", std::process::id()));
        fs::write(&path, contents).unwrap();
        path.to_string_lossy().into_owned()
    }

    fn self_signed() -> (Vec<u8>, Vec<u8>) {
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
        cert.sign(&key, openssl::hash::MessageDigest::sha256()).unwrap();
        (cert.build().to_pem().unwrap(), key.private_key_to_pem_pkcs8().unwrap())
    }

    #[test]
    fn defaults_verify_the_peer_and_its_name() {
        let tls = Tls::new(&TlsOptions::default()).unwrap();
        assert!(tls.verify_name);
        assert_eq!(tls.connector.context().verify_mode(), SslVerifyMode::PEER);
        let off = Tls::new(&TlsOptions { verify_peer: Some(false), ..Default::default() }).unwrap();
        assert!(!off.verify_name);
        assert_eq!(off.connector.context().verify_mode(), SslVerifyMode::NONE);
        let no_name = Tls::new(&TlsOptions { verify_peer_name: Some(false), ..Default::default() }).unwrap();
        assert!(!no_name.verify_name);
        assert_eq!(no_name.connector.context().verify_mode(), SslVerifyMode::PEER);
    }

    #[test]
    fn client_certificate_with_its_key_in_the_same_file_a_separate_one_or_an_encrypted_one() {
        let (cert, key) = self_signed();
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
        let with = |passphrase: Option<&str>| TlsOptions {
            cert_file: Some(cert_only.clone()),
            key_file: Some(encrypted.clone()),
            passphrase: passphrase.map(str::to_owned),
            ..Default::default()
        };
        assert!(Tls::new(&with(Some("secret"))).is_ok());
        // Never a terminal prompt: a clear error.
        assert!(Tls::new(&with(None)).unwrap_err().starts_with("Unable to set private key file"));
        assert!(Tls::new(&with(Some("wrong"))).unwrap_err().starts_with("Unable to set private key file"));
        let (_, other_key) = self_signed();
        let mismatched = write("other.pem", &other_key);
        let mismatch = TlsOptions { cert_file: Some(cert_only.clone()), key_file: Some(mismatched.clone()), ..Default::default() };
        assert!(Tls::new(&mismatch).unwrap_err().contains("key values mismatch"));
        let missing = TlsOptions { cert_file: Some("/nonexistent/cert.pem".into()), ..Default::default() };
        assert!(Tls::new(&missing).unwrap_err().starts_with("Unable to set local cert chain file `/nonexistent/cert.pem'"));
        for path in [both, cert_only, key_only, encrypted, mismatched] {
            fs::remove_file(path).unwrap();
        }
    }

    #[test]
    fn a_bad_ca_file_or_cipher_list_is_refused() {
        let missing = TlsOptions { ca_file: Some("/nonexistent/ca.pem".into()), ..Default::default() };
        assert!(Tls::new(&missing).unwrap_err().starts_with("Unable to read the CA file /nonexistent/ca.pem"));
        let garbage = write("garbage.pem", b"not a certificate");
        let bad = TlsOptions { ca_file: Some(garbage.clone()), ..Default::default() };
        assert!(Tls::new(&bad).unwrap_err().starts_with("Unable to read the CA file"));
        fs::remove_file(garbage).unwrap();
        let ciphers = TlsOptions { ciphers: Some("NO-SUCH-CIPHER".into()), ..Default::default() };
        assert!(Tls::new(&ciphers).unwrap_err().starts_with("Failed setting cipher list"));
    }
}
