#!/usr/bin/env bash
# Makes the TLS material of Kafka's internet-facing listener with the JDK's keytool (no openssl needed):
#   OUT/kafka-ca.p12     the private CA's certificate only: the trust store the laptop (and any client) gets
#   OUT/kafka.p12        the broker's key and certificate for HOST, signed by that CA (stays on the server)
#   OUT/ca-key.p12       the CA's own key: keep it offline; it signs a new broker certificate in two years
# Usage: KAFKA_KEYSTORE_PASSWORD=... KAFKA_TRUSTSTORE_PASSWORD=... make-certificates.sh HOST [OUT]
# HOST is the name (or IP address) the laptop dials, the KAFKA_PUBLIC_HOST of .env.
set -euo pipefail
HOST=${1:?usage: make-certificates.sh HOST [OUT]}
OUT=${2:-secrets}
: "${KAFKA_KEYSTORE_PASSWORD:?set KAFKA_KEYSTORE_PASSWORD (the broker keystore password, as in .env)}"
: "${KAFKA_TRUSTSTORE_PASSWORD:?set KAFKA_TRUSTSTORE_PASSWORD (the laptop trust store password, as in .env)}"
KEYTOOL=${KEYTOOL:-keytool}
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/keytool" ]; then KEYTOOL="$JAVA_HOME/bin/keytool"; fi
command -v "$KEYTOOL" >/dev/null || { echo "error: keytool not found: install a JDK or set JAVA_HOME" >&2; exit 1; }

if [[ "$HOST" =~ ^[0-9.]+$ || "$HOST" == *:* ]]; then SAN="ip:$HOST"; else SAN="dns:$HOST"; fi
mkdir -p "$OUT"
umask 077
for f in ca-key.p12 kafka.p12 kafka-ca.p12; do
  [ ! -e "$OUT/$f" ] || { echo "error: $OUT/$f exists; move it away to make new certificates" >&2; exit 1; }
done
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
ks() { "$KEYTOOL" -storetype PKCS12 "$@"; }

ks -genkeypair -keystore "$OUT/ca-key.p12" -storepass "$KAFKA_KEYSTORE_PASSWORD" -alias ca -keyalg EC -groupname secp384r1 \
   -dname "CN=Nightshift Kafka CA" -validity 3650 -ext bc:c=ca:true -ext ku:c=keyCertSign,cRLSign
ks -exportcert -keystore "$OUT/ca-key.p12" -storepass "$KAFKA_KEYSTORE_PASSWORD" -alias ca -rfc -file "$work/ca.pem"

ks -genkeypair -keystore "$OUT/kafka.p12" -storepass "$KAFKA_KEYSTORE_PASSWORD" -alias kafka -keyalg EC -groupname secp256r1 \
   -dname "CN=$HOST" -validity 825
ks -certreq -keystore "$OUT/kafka.p12" -storepass "$KAFKA_KEYSTORE_PASSWORD" -alias kafka -file "$work/kafka.csr"
ks -gencert -keystore "$OUT/ca-key.p12" -storepass "$KAFKA_KEYSTORE_PASSWORD" -alias ca -infile "$work/kafka.csr" \
   -outfile "$work/kafka.pem" -rfc -validity 825 -ext "san=$SAN" -ext ku:c=digitalSignature,keyAgreement -ext eku=serverAuth
ks -importcert -keystore "$OUT/kafka.p12" -storepass "$KAFKA_KEYSTORE_PASSWORD" -alias ca -file "$work/ca.pem" -noprompt
ks -importcert -keystore "$OUT/kafka.p12" -storepass "$KAFKA_KEYSTORE_PASSWORD" -alias kafka -file "$work/kafka.pem"

ks -importcert -keystore "$OUT/kafka-ca.p12" -storepass "$KAFKA_TRUSTSTORE_PASSWORD" -alias nightshift-kafka-ca \
   -file "$work/ca.pem" -noprompt
# The container's Kafka runs as its own user: it must be able to read its keystore.
chmod 644 "$OUT/kafka.p12" "$OUT/kafka-ca.p12"
echo "Wrote $OUT/kafka.p12 (broker, $SAN), $OUT/kafka-ca.p12 (give it to the laptop), $OUT/ca-key.p12 (keep offline)."
