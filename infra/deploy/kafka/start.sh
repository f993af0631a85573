#!/usr/bin/env bash
# Starts the single-node KRaft Kafka of compose.yaml (Apache's apache/kafka image) and of systemd/kafka.service
# (Apache's tarball in /opt/kafka).
# Three listeners:
#   CONTROLLER  127.0.0.1:9093 PLAINTEXT   KRaft's own traffic, reachable from this host (container) only
#   INTERNAL    :9092 SASL_PLAINTEXT        the cloud apps, inside the compose network (loopback under systemd)
#   EXTERNAL    :9094 SASL_SSL              the laptop, over the internet
# (ports and bind addresses can be moved with the KAFKA_*_PORT / KAFKA_*_BIND variables below)
# Every client logs in with SCRAM-SHA-512; StandardAuthorizer denies what no ACL allows.
# The admin's SCRAM credential is written when the storage is formatted: in KRaft that is the only way to create
# the first user; the others (online-api, streams-processor, laptop) and their ACLs are created by the admin
# afterwards (docs/deployment.md, step 4).
set -euo pipefail
: "${KAFKA_CLUSTER_ID:?}" "${KAFKA_PUBLIC_HOST:?}" "${KAFKA_ADMIN_PASSWORD:?}" "${KAFKA_KEYSTORE_PASSWORD:?}"
KAFKA_HOME=${KAFKA_HOME:-/opt/kafka}
CONFIG=${KAFKA_CONFIG:-/tmp/nightshift-server.properties}
ADMIN_CONFIG=${KAFKA_ADMIN_CONFIG:-/tmp/nightshift-admin.properties}
DATA_DIR=${KAFKA_DATA_DIR:-/var/lib/kafka/data}
KEYSTORE=${KAFKA_KEYSTORE:-/etc/nightshift/secrets/kafka.p12}
INTERNAL_HOST=${KAFKA_INTERNAL_HOST:-kafka}
# 0.0.0.0 inside the compose network; 127.0.0.1 under systemd, where the apps run on the same host.
INTERNAL_BIND=${KAFKA_INTERNAL_BIND:-0.0.0.0}
EXTERNAL_BIND=${KAFKA_EXTERNAL_BIND:-0.0.0.0}
CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-9093}
INTERNAL_PORT=${KAFKA_INTERNAL_PORT:-9092}
EXTERNAL_PORT=${KAFKA_EXTERNAL_PORT:-9094}

umask 077
cat > "$CONFIG" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${CONTROLLER_PORT}
controller.listener.names=CONTROLLER
listeners=CONTROLLER://127.0.0.1:${CONTROLLER_PORT},INTERNAL://${INTERNAL_BIND}:${INTERNAL_PORT},EXTERNAL://${EXTERNAL_BIND}:${EXTERNAL_PORT}
advertised.listeners=INTERNAL://${INTERNAL_HOST}:${INTERNAL_PORT},EXTERNAL://${KAFKA_PUBLIC_HOST}:${EXTERNAL_PORT}
listener.security.protocol.map=CONTROLLER:PLAINTEXT,INTERNAL:SASL_PLAINTEXT,EXTERNAL:SASL_SSL
inter.broker.listener.name=INTERNAL
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
# INTERNAL's login is also the broker's own (inter-broker) client; EXTERNAL only checks others' SCRAM logins.
listener.name.internal.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}";
listener.name.external.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.external.ssl.keystore.type=PKCS12
listener.name.external.ssl.keystore.location=${KEYSTORE}
listener.name.external.ssl.keystore.password=${KAFKA_KEYSTORE_PASSWORD}
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
# ANONYMOUS is the broker itself on the loopback controller listener (broker registration and heartbeats need
# cluster rights); no other listener is PLAINTEXT, so no outside client is ever ANONYMOUS.
super.users=User:admin;User:ANONYMOUS
allow.everyone.if.no.acl.found=false
log.dirs=${DATA_DIR}
num.partitions=3
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Topics are created by the admin with their retention (./nightshift kafka setup-access), never by a client.
auto.create.topics.enable=false
PROPERTIES

# What the health check and the owner's admin commands inside the container log in with.
cat > "$ADMIN_CONFIG" <<PROPERTIES
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${KAFKA_ADMIN_PASSWORD}";
PROPERTIES

# --cluster-id=ID in one word: an id may begin with "-", which the tool would take for an option.
"$KAFKA_HOME/bin/kafka-storage.sh" format --ignore-formatted --cluster-id="$KAFKA_CLUSTER_ID" --config "$CONFIG" \
  --add-scram "SCRAM-SHA-512=[name=admin,password=${KAFKA_ADMIN_PASSWORD}]"
exec "$KAFKA_HOME/bin/kafka-server-start.sh" "$CONFIG"
