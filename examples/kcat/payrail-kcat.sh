#!/usr/bin/env bash
# Payrail's topics as an operator sees them with kcat (Debian's build: no Avro, so values stay
# bytes; keys are plain UTF-8 strings and print as they are). Reads committed records only.
#
#   payrail-kcat.sh topics                          topics, partitions, leaders
#   payrail-kcat.sh keys TOPIC [COUNT]              key, partition, offset, timestamp, headers, value size
#   payrail-kcat.sh find TOPIC KEY                  the records of one key: merchantId/orderId on the
#                                                   order topics, merchantId/customerId on loyalty-balances
#   payrail-kcat.sh find TOPIC MERCHANT ID          the same, the key built from its two ids
#   payrail-kcat.sh record TOPIC PARTITION OFFSET   one record, with the schema id its value names
#   payrail-kcat.sh dlt TOPIC [COUNT]               TOPIC.DLT's dead letters: why, and where from
#
# KAFKA_BOOTSTRAP (default 127.0.0.1:9092) names the cluster; PAYRAIL_SCHEMA_REGISTRY_URL (default
# http://127.0.0.1:8081) is only printed, to look a schema id up with curl. Needs kcat, and jq and
# xxd for `dlt`.
set -euo pipefail

bootstrap="${KAFKA_BOOTSTRAP:-127.0.0.1:9092}"
registry="${PAYRAIL_SCHEMA_REGISTRY_URL:-http://127.0.0.1:8081}"
# read_committed: Payrail's processors write in transactions; aborted records are never results.
consume=(kcat -b "$bootstrap" -C -q -e -X isolation.level=read_committed)
line='partition=%p offset=%o key=%k timestamp=%T headers=%h value_bytes=%S\n'

usage() {
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# The Confluent wire-format header of a value: magic byte 0, then the 4-byte schema id.
schema_id() {
  local header
  header="$(head -c 5 | xxd -p)"
  if [[ ${#header} -eq 10 && ${header:0:2} == "00" ]]; then
    echo "$((16#${header:2:8}))"
  else
    echo "none (not Confluent wire format: ${header:-empty})"
  fi
}

command="${1:-}"
case "$command" in
  topics)
    kcat -b "$bootstrap" -L | grep -E '^  topic "(orders|order-risk|payments|refund-requests|refunds|loyalty-balances)(\.DLT)?"' || true
    ;;
  keys)
    [[ $# -ge 2 ]] || usage
    count=()
    [[ $# -ge 3 ]] && count=(-c "$3")
    "${consume[@]}" -t "$2" -o beginning "${count[@]}" -f "$line"
    ;;
  find)
    [[ $# -eq 3 || $# -eq 4 ]] || usage
    # An id is unique only within its merchant, so a key names both: merchantId/orderId (or
    # merchantId/customerId). A bare id matches only records written before keys were
    # merchant-scoped (or topics keyed otherwise, such as merchant-keys): searched, with a note.
    key="$3"
    [[ $# -eq 4 ]] && key="$3/$4"
    [[ "$key" == */* ]] ||
      echo "note: $key has no merchantId/ part; order and customer records are keyed merchantId/id" >&2
    # A key lives on one partition (murmur2 of the key), but kcat cannot compute it: scan them all.
    "${consume[@]}" -t "$2" -o beginning -f "$line" | grep -F " key=$key " || {
      echo "no committed record with key $key in $2" >&2
      exit 1
    }
    ;;
  record)
    [[ $# -eq 4 ]] || usage
    "${consume[@]}" -t "$2" -p "$3" -o "$4" -c 1 -f "topic=%t $line"
    id="$("${consume[@]}" -t "$2" -p "$3" -o "$4" -c 1 -f '%s' | schema_id)"
    echo "value schema id: $id   (curl $registry/schemas/ids/$id)"
    ;;
  dlt)
    [[ $# -ge 2 ]] || usage
    count=()
    [[ $# -ge 3 ]] && count=(-c "$3")
    topic="$2"
    [[ "$topic" == *.DLT ]] || topic="$topic.DLT"
    # Spring Kafka's kafka_dlt-* headers: strings, except the original partition (4-byte int),
    # offset and timestamp (8-byte longs), all big-endian. kcat -J gives the headers as a list.
    "${consume[@]}" -t "$topic" -o beginning "${count[@]}" -J |
      jq -r '
        def number: explode | reduce .[] as $byte (0; . * 256 + $byte);
        (.headers // []) as $h
        | ([range(0; $h | length; 2) | {key: $h[.], value: $h[. + 1]}] | from_entries) as $d
        | "dead letter \(.topic)-\(.partition)@\(.offset) key=\(.key)\n"
          + "  from      \($d["kafka_dlt-original-topic"] // "?")-\($d["kafka_dlt-original-partition"] // "" | number)@\($d["kafka_dlt-original-offset"] // "" | number)\n"
          + "  exception \($d["kafka_dlt-exception-fqcn"] // "?")\n"
          + "  message   \($d["kafka_dlt-exception-message"] // "?")\n"
          + "  headers   \([$h | range(0; length; 2) as $i | $h[$i]] | join(", "))"'
    ;;
  *)
    usage
    ;;
esac
