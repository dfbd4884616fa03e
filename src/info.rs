//! The `phpinfo()` / `php --ri mq` section.


use ext_php_rs::{info_table_end, info_table_row, info_table_start, zend::ModuleEntry};
use rdkafka::config::ClientConfig;

extern "C" {
    fn display_ini_entries(module: *mut ModuleEntry);
}

/// librdkafka's compiled-in features, read from a throwaway configuration object (no client is created).
fn librdkafka_features() -> String {
    ClientConfig::new()
        .create_native_config()
        .and_then(|conf| conf.get("builtin.features"))
        .unwrap_or_else(|e| format!("unknown ({e})"))
}

/// # Safety
/// Called by PHP with its own module entry.
pub unsafe extern "C" fn php_info(module: *mut ModuleEntry) {
    let (_, librdkafka) = rdkafka::util::get_rdkafka_version();
    info_table_start!();
    info_table_row!("mq support", "enabled");
    info_table_row!("mq version", crate::VERSION);
    info_table_row!("lapin version", env!("MQ_LAPIN_VERSION"));
    info_table_row!("rdkafka crate version", env!("MQ_RDKAFKA_VERSION"));
    info_table_row!("librdkafka version", librdkafka);
    info_table_row!("librdkafka builtin features", librdkafka_features());
    info_table_end!();
    // SAFETY: `module` is the entry PHP passed us; PHP prints our registered ini entries from it.
    unsafe { display_ini_entries(module) };
}

