#!/usr/bin/env bash
# Prints a new KRaft cluster id (what kafka-storage.sh random-uuid prints: 16 random bytes, URL-safe base64, no
# padding) without needing Kafka installed. Run once per cluster and keep it in .env as KAFKA_CLUSTER_ID.
set -euo pipefail
head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'
echo
