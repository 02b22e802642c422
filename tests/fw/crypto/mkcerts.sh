#!/usr/bin/env bash
# Test certificates for the firmware crypto test, made at build time with
# openssl (keys stay in build/, never committed): an SP root (RSA-2048,
# self-signed CA), a PS certificate signed by it, and a rogue root with the
# same name whose key signs a second PS certificate.
# Usage: mkcerts.sh OUTDIR
set -euo pipefail
out=$1
mkdir -p "$out"
cd "$out"
subj_root="/O=openbti test SP/CN=openbti SP root"
subj_ps="/O=openbti test SP/CN=openbti-ps"
ca_ext=(-addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign")
for r in root rogue; do
  openssl req -x509 -newkey rsa:2048 -nodes -keyout $r.key -subj "$subj_root" -days 3650 -sha256 \
    "${ca_ext[@]}" -out $r.pem 2>/dev/null
  openssl x509 -in $r.pem -outform DER -out $r.der
done
openssl req -newkey rsa:2048 -nodes -keyout ps.key -subj "$subj_ps" -out ps.csr 2>/dev/null
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,keyEncipherment,digitalSignature\n' > ps.ext
openssl x509 -req -in ps.csr -CA root.pem -CAkey root.key -set_serial 2 -days 3650 -sha256 \
  -extfile ps.ext -outform DER -out ps.der 2>/dev/null
openssl x509 -req -in ps.csr -CA rogue.pem -CAkey rogue.key -set_serial 2 -days 3650 -sha256 \
  -extfile ps.ext -outform DER -out rogue_ps.der 2>/dev/null
echo "openbti-ps" > ps.cn
