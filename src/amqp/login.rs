//! The login a connection makes: its SASL mechanism and response, from the credentials' bytes as PHP
//! has them. lapin's own provider reads them from the URI, whose user and password are Rust strings: a
//! password that is not UTF-8 (Latin-1, say) reached the broker with its bytes replaced, where
//! php-amqplib sends them as they are.

use lapin::{
    auth::AuthProvider,
    types::{AMQPValue, FieldTable, LongString, ShortString},
    uri::SASLMechanism,
};

/// php-amqplib's `$login_method` as a SASL mechanism: AMQPLAIN (its default), PLAIN or EXTERNAL.
pub fn mechanism(login_method: &str) -> SASLMechanism {
    match login_method {
        "PLAIN" => SASLMechanism::Plain,
        "EXTERNAL" => SASLMechanism::External,
        _ => SASLMechanism::AMQPlain,
    }
}

/// The response `mechanism` sends: PLAIN's `"\0user\0password"`, AMQPLAIN's field table without its
/// length (as php-amqplib's AMQPWriter writes it), nothing for EXTERNAL (the TLS certificate logs in).
pub fn response(mechanism: SASLMechanism, user: &[u8], password: &[u8]) -> Vec<u8> {
    match mechanism {
        SASLMechanism::Plain => [&[0][..], user, &[0], password].concat(),
        SASLMechanism::AMQPlain => {
            let mut table = FieldTable::default();
            table.insert("LOGIN".into(), AMQPValue::LongString(LongString::from(user.to_vec())));
            table.insert("PASSWORD".into(), AMQPValue::LongString(LongString::from(password.to_vec())));
            let context = amq_protocol::frame::WriteContext::from(Vec::new());
            let written = amq_protocol::types::generation::gen_field_table(&table)(context).map(|c| c.into_inner().0);
            // Skip the table's length, as the start-ok's response carries it.
            written.map(|bytes| bytes[4..].to_vec()).unwrap_or_default()
        }
        _ => Vec::new(),
    }
}

/// What lapin sends in connection.start-ok.
pub struct Login {
    mechanism: SASLMechanism,
    response: LongString,
}

impl Login {
    pub fn new(login_method: &str, user: &[u8], password: &[u8]) -> Self {
        let mechanism = mechanism(login_method);
        Self { mechanism, response: response(mechanism, user, password).into() }
    }
}

impl AuthProvider for Login {
    fn mechanism(&self) -> ShortString {
        self.mechanism.name().into()
    }

    fn auth_starter(&self) -> Result<LongString, String> {
        Ok(self.response.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn responses_carry_the_credentials_bytes_as_php_amqplib_writes_them() {
        assert_eq!(response(SASLMechanism::Plain, b"u", b"p\xe9ss"), b"\0u\0p\xe9ss");
        assert_eq!(
            response(SASLMechanism::AMQPlain, b"u", b"p\xe9"),
            b"\x05LOGINS\x00\x00\x00\x01u\x08PASSWORDS\x00\x00\x00\x02p\xe9"
        );
        assert!(response(SASLMechanism::External, b"u", b"p").is_empty());
        assert_eq!(mechanism("PLAIN"), SASLMechanism::Plain);
        assert_eq!(mechanism("AMQPLAIN"), SASLMechanism::AMQPlain);
    }
}
