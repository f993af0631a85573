#!/usr/bin/env bash
# Prints a new KRaft cluster id (what kafka-storage.sh random-uuid prints: 16 random bytes, URL-safe base64, no
# padding) without needing Kafka installed. Run once per cluster and keep it in .env as KAFKA_CLUSTER_ID.
set -euo pipefail
# Like Kafka's own Uuid.randomUuid, never one that begins with "-": command lines would read it as an option.
while :; do
  id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
  case "$id" in -*) ;; *) echo "$id"; exit 0 ;; esac
done
