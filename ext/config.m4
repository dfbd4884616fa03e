dnl phpize support for PIE (`pie install`), which runs `phpize && ./configure && make && make install`
dnl in this directory (composer.json's php-ext.build-path). mq is a Rust crate, so there is nothing for
dnl the C toolchain to compile: `make` runs cargo on the crate one directory up and copies the library
dnl into modules/mq.so, where PIE and phpize's `make install` look for it. The build happens here, not in
dnl the repository root, so phpize's generated Makefile never replaces the project's own.

PHP_ARG_WITH([cargo],
  [whether a cargo path is given],
  [AS_HELP_STRING([--with-cargo=PATH], [Path to cargo (default: cargo in PATH, then ~/.cargo/bin)])],
  [no],
  [no])

dnl Not PHP_NEW_EXTENSION: with no C sources it would link an empty mq.so over the one cargo builds.
dnl The build directory it would have registered is declared alone, so configure creates modules/.
PHP_ADD_BUILD_DIR([modules])

AC_MSG_CHECKING([for the mq crate])
MQ_CRATE_DIR=`cd "$srcdir/.." && pwd -P`
if test ! -f "$MQ_CRATE_DIR/Cargo.toml" || ! grep -q '^name = "mq"' "$MQ_CRATE_DIR/Cargo.toml"; then
  AC_MSG_ERROR([no mq Cargo.toml in $MQ_CRATE_DIR: run phpize in the ext/ directory of mq's source tree])
fi
AC_MSG_RESULT([$MQ_CRATE_DIR])

if test "$PHP_CARGO" != "yes" && test "$PHP_CARGO" != "no"; then
  CARGO="$PHP_CARGO"
else
  dnl rustup installs into ~/.cargo/bin, which a non-login shell's PATH (PIE's, sudo's) often lacks.
  AC_PATH_PROG([CARGO], [cargo], [], [$PATH$PATH_SEPARATOR$HOME/.cargo/bin])
fi
if test -z "$CARGO" || test ! -x "$CARGO"; then
  AC_MSG_ERROR([cargo not found: install Rust (https://rustup.rs) or pass --with-cargo=PATH])
fi
MQ_CARGO_VERSION=`"$CARGO" --version`
AC_MSG_CHECKING([for the Rust toolchain])
AC_MSG_RESULT([$MQ_CARGO_VERSION])

dnl ext-php-rs' build script reads PHP and PHP_CONFIG: mq is built for the PHP that
dnl --with-php-config (which PIE always passes) names, not the first php in PATH.
MQ_PHP_CONFIG=`command -v "$PHP_CONFIG"`
PHP_SUBST(MQ_CRATE_DIR)
PHP_SUBST(MQ_PHP_CONFIG)
PHP_SUBST(CARGO)

cat >>Makefile.objects <<'MQ_EOF'

# mq: cargo decides what is stale. `make install` (which PIE may run under sudo, where cargo is often
# missing) only needs modules/mq.so to exist, so it never runs cargo when `make` already did.
all: mq-cargo
build-modules: modules/mq.so

modules/mq.so:
	$(MAKE) mq-cargo

mq-cargo:
	cd "$(MQ_CRATE_DIR)" && PHP="$(PHP_EXECUTABLE)" PHP_CONFIG="$(MQ_PHP_CONFIG)" "$(CARGO)" build --release --lib
	@mkdir -p modules
	cp "$$(cd "$(MQ_CRATE_DIR)" && cd "$${CARGO_TARGET_DIR:-target}" && pwd)/release/libmq.so" modules/mq.so

.PHONY: mq-cargo
MQ_EOF
