#!/usr/bin/env bash
# Creates every topic listed in topics.txt, idempotently, with the Kafka image's own tools.
#   KAFKA_BOOTSTRAP_SERVERS  where the brokers are (required)
#   TOPICS_FILE              the topic list (default: topics.txt beside this script)
#   REPLICATION_FACTOR       replicas of each topic (default 1: the single-node compose broker)
#   KAFKA_BIN                where kafka-topics.sh is (default /opt/kafka/bin, as in apache/kafka)
# Existing topics are left alone; a partition count that differs from the list is reported and
# fails the run, because adding partitions to a keyed topic is an operation, not a default
# (docs/operations.md, "Adding partitions to a keyed topic").
set -euo pipefail

bootstrap="${KAFKA_BOOTSTRAP_SERVERS:?set KAFKA_BOOTSTRAP_SERVERS}"
topics_file="${TOPICS_FILE:-$(dirname "$0")/topics.txt}"
replication="${REPLICATION_FACTOR:-1}"
bin="${KAFKA_BIN:-/opt/kafka/bin}"

for attempt in $(seq 1 30); do
  if "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --list >/dev/null 2>&1; then
    break
  fi
  echo "waiting for Kafka at $bootstrap ($attempt/30)"
  sleep 2
done

status=0
while read -r name partitions policy; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$name" --partitions "$partitions" --replication-factor "$replication" \
    --config "cleanup.policy=$policy"
  actual="$("$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --describe --topic "$name" \
    | sed -n 's/.*PartitionCount: *\([0-9]*\).*/\1/p' | head -n 1)"
  if [[ "$actual" != "$partitions" ]]; then
    echo "topic $name has $actual partitions, the contract says $partitions" >&2
    status=1
  fi
done < "$topics_file"

exit "$status"
