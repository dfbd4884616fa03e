//! Records the versions of the client crates mq is built on, for `php --ri mq`.
//! lapin has no runtime version API, so the version comes from Cargo.lock.

use std::{env, fs, path::Path};

fn locked_version(lock: &str, name: &str) -> String {
    let needle = format!("name = \"{name}\"\nversion = \"");
    lock.find(&needle)
        .map(|at| {
            let rest = &lock[at + needle.len()..];
            rest[..rest.find('"').unwrap_or(0)].to_string()
        })
        .unwrap_or_else(|| "unknown".into())
}

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").unwrap();
    let lock_path = Path::new(&root).join("Cargo.lock");
    println!("cargo:rerun-if-changed={}", lock_path.display());
    let lock = fs::read_to_string(&lock_path).unwrap_or_default();
    for (var, krate) in [("MQ_LAPIN_VERSION", "lapin"), ("MQ_RDKAFKA_VERSION", "rdkafka")] {
        println!("cargo:rustc-env={var}={}", locked_version(&lock, krate));
    }
}
