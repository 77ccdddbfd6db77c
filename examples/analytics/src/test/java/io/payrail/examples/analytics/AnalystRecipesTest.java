package io.payrail.examples.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.payrail.schemas.topics.Topic;
import io.payrail.schemas.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.flink.sql.parser.ddl.SqlTableColumn.SqlRegularColumn;
import org.apache.flink.sql.parser.ddl.table.SqlCreateTable;
import org.apache.flink.sql.parser.impl.FlinkSqlParserImpl;
import org.apache.flink.sql.parser.validate.FlinkSqlConformance;
import org.junit.jupiter.api.Test;

/**
 * The analyst recipes against the contract. What is checked, and with what (the recipes' README
 * says the same):
 *
 * <ul>
 *   <li>Flink SQL: parsed by Flink's own SQL parser; every Kafka table's topic is a contract topic,
 *       its key column is named after the topic's merchant-scoped key ({@code order_key}, {@code
 *       customer_key}), and every value column is a field of the topic's Avro schema with a type
 *       Flink's Avro format maps it to.
 *   <li>ClickHouse: no ClickHouse parser runs on the JVM; the Kafka engine tables are read with
 *       patterns: each names a contract topic and AvroConfluent, and each column is a field of the
 *       topic's schema with a matching ClickHouse type (Nullable where the field is).
 *   <li>ksqlDB: its parser is not on Maven Central; each stream and table names a contract topic
 *       and a key column named after the topic's key, and every column the queries select, filter
 *       or group by is a field of the queried topic's schema (or its declared key column).
 * </ul>
 */
class AnalystRecipesTest {

  private static final Path RECIPES = Path.of("").toAbsolutePath();

  @Test
  void flinkRecipeParsesAndItsTablesAreTheContractsTopicsAndFields() throws Exception {
    SqlNodeList statements = parseFlink(read("flink/payrail.sql"));

    List<String> topics = new ArrayList<>();
    for (SqlNode statement : statements) {
      if (!(statement instanceof SqlCreateTable table)) {
        continue;
      }
      Map<String, String> options = table.getProperties();
      if (!options.containsKey("topic")) {
        continue;
      }
      Topic<?, ?> topic = contractTopic(options.get("topic"));
      topics.add(topic.name());
      assertThat(options.get("value.format")).isEqualTo("avro-confluent");
      assertThat(options.get("key.format")).isEqualTo("raw");
      assertThat(options.get("properties.isolation.level")).isEqualTo("read_committed");
      assertThat(options).containsKey("properties.group.id");
      String keyColumn = flinkKeyColumn(table);
      assertThat(keyColumn)
          .as(
              "the key column of %s names the topic's key, %s",
              topic.name(), topic.keyDescription())
          .isEqualTo(keyColumn(topic));
      for (SqlNode node : table.getColumnList()) {
        if (!(node instanceof SqlRegularColumn column)) {
          continue;
        }
        String name = column.getName().getSimple();
        String type = column.getType().toString().replace("`", "");
        if (name.equals(keyColumn)) {
          assertThat(type).as("%s: keys are plain strings", name).isEqualTo("STRING");
          continue;
        }
        assertType(topic, name, type, FLINK_TYPES);
      }
    }
    assertThat(topics).contains("payments", "refunds", "loyalty-balances");
  }

  /**
   * An orderId (and a refundId, a customerId) is unique only within its merchant. Every recipe
   * keeps two merchants' records with the same id apart: the ksqlDB and Flink tables are keyed by
   * the topics' merchant-scoped keys (a table keyed by orderId alone would let merchant B's order
   * 1001 replace merchant A's), and ClickHouse's replacing tables sort by the merchant first (rows
   * with the same sorting key replace each other).
   */
  @Test
  void twoMerchantsWithTheSameOrderIdAreTwoRowsInEveryRecipe() throws Exception {
    for (Topic<?, ?> topic : List.of(Topics.PAYMENTS, Topics.REFUNDS, Topics.ORDER_RISK)) {
      assertThat(topic.keyDescription()).isEqualTo("merchantId/orderId");
    }
    assertThat(Topics.LOYALTY_BALANCES.keyDescription()).isEqualTo("merchantId/customerId");

    Map<String, String> ksqlKeys = ksqlDbKeyColumns(read("ksqldb/payrail.sql"));
    assertThat(ksqlKeys)
        .containsEntry("payments", "order_key")
        .containsEntry("refunds", "order_key")
        .containsEntry("risk_assessments", "order_key")
        .containsEntry("loyalty_balances", "customer_key");

    Map<String, String> flinkKeys = new HashMap<>();
    for (SqlNode statement : parseFlink(read("flink/payrail.sql"))) {
      if (statement instanceof SqlCreateTable table && table.getProperties().containsKey("topic")) {
        flinkKeys.put(table.getProperties().get("topic"), flinkKeyColumn(table));
      }
    }
    assertThat(flinkKeys)
        .containsEntry("payments", "order_key")
        .containsEntry("refunds", "order_key")
        .containsEntry("loyalty-balances", "customer_key");

    String clickHouse = read("clickhouse/payrail.sql").replaceAll("(?m)--.*$", "");
    Matcher replacing =
        Pattern.compile(
                "CREATE TABLE payrail\\.(\\w+)\\s*\\((?:(?!CREATE ).)*?\\)\\s*"
                    + "ENGINE = ReplacingMergeTree\\s*ORDER BY \\(([^)]*)\\)",
                Pattern.DOTALL)
            .matcher(clickHouse);
    Map<String, String> sortingKeys = new HashMap<>();
    while (replacing.find()) {
      sortingKeys.put(replacing.group(1), replacing.group(2).replaceAll("\\s+", ""));
    }
    assertThat(sortingKeys)
        .containsEntry("payments", "merchantId,orderId")
        .containsEntry("refunds", "merchantId,refundId");
  }

  @Test
  void clickHouseKafkaTablesNameContractTopicsAndFields() throws IOException {
    String sql = read("clickhouse/payrail.sql").replaceAll("(?m)--.*$", "");
    assertBalanced(sql);
    Matcher table =
        Pattern.compile(
                "CREATE TABLE (\\S+)\\s*\\(((?:(?!CREATE ).)*?)\\)\\s*ENGINE = Kafka\\s*SETTINGS(.*?);",
                Pattern.DOTALL)
            .matcher(sql);
    List<String> topics = new ArrayList<>();
    while (table.find()) {
      Map<String, String> settings = new HashMap<>();
      for (String setting : table.group(3).split(",\\s*\n")) {
        String[] pair = setting.strip().split("\\s*=\\s*", 2);
        settings.put(pair[0], pair[1].replace("'", "").strip());
      }
      Topic<?, ?> topic = contractTopic(settings.get("kafka_topic_list"));
      topics.add(topic.name());
      assertThat(settings)
          .containsEntry("kafka_format", "AvroConfluent")
          .containsKeys("kafka_group_name", "format_avro_schema_registry_url");
      for (String line : table.group(2).strip().split(",\\s*\n")) {
        String[] column = line.strip().split("\\s+", 2);
        assertType(topic, column[0], column[1], CLICKHOUSE_TYPES);
      }
    }
    assertThat(topics).containsExactly("payments", "refunds");
  }

  @Test
  void ksqlDbStreamsAndQueriesUseContractTopicsAndFields() throws IOException {
    String sql = read("ksqldb/payrail.sql").replaceAll("(?m)--.*$", "");
    assertBalanced(sql);
    Map<String, Topic<?, ?>> sources = new LinkedHashMap<>();
    Matcher declared = KSQL_SOURCE.matcher(sql);
    while (declared.find()) {
      sources.put(declared.group(1), contractTopic(declared.group(3)));
    }
    assertThat(sources).containsKeys("payments", "refunds", "loyalty_balances");
    Map<String, String> keyColumns = ksqlDbKeyColumns(sql);
    sources.forEach(
        (source, topic) ->
            assertThat(keyColumns.get(source))
                .as(
                    "the key column of %s names the topic's key, %s",
                    source, topic.keyDescription())
                .isEqualTo(keyColumn(topic)));

    Matcher query =
        Pattern.compile(
                "SELECT (.*?) FROM (\\w+)(?: WHERE (.*?))?(?: GROUP BY (.*?))?(?: EMIT CHANGES)?;",
                Pattern.DOTALL)
            .matcher(sql.replaceAll("\\s+", " "));
    int queries = 0;
    while (query.find()) {
      queries++;
      String source = query.group(2);
      Topic<?, ?> topic = sources.get(source);
      assertThat(topic).as("queried stream or table %s is declared", source).isNotNull();
      String clauses =
          String.join(
              " ",
              query.group(1),
              query.group(3) == null ? "" : query.group(3),
              query.group(4) == null ? "" : query.group(4));
      for (String identifier : identifiers(clauses)) {
        if (!identifier.equalsIgnoreCase(keyColumns.get(source))) {
          assertThat(field(topic.valueSchema(), identifier))
              .as("%s is a field of %s", identifier, topic.valueSubject())
              .isNotNull();
        }
      }
    }
    assertThat(queries).isGreaterThanOrEqualTo(5);
  }

  // ---------------------------------------------------------------- contract lookups

  /**
   * The key column a recipe declares for a topic, named after what the topic's key is: the keys are
   * merchant-scoped, so a column named {@code order_id} would promise a bare orderId that the key
   * is not. The ids themselves are value columns.
   */
  private static final Map<String, String> KEY_COLUMNS =
      Map.of(
          "merchantId/orderId", "order_key",
          "merchantId/customerId", "customer_key");

  private static String keyColumn(Topic<?, ?> topic) {
    String column = KEY_COLUMNS.get(topic.keyDescription());
    assertThat(column)
        .as("a key column for %s, keyed %s", topic.name(), topic.keyDescription())
        .isNotNull();
    return column;
  }

  private static Topic<?, ?> contractTopic(String name) {
    assertThat(name).isNotNull();
    return Topics.ALL.stream()
        .filter(topic -> topic.name().equals(name))
        .findFirst()
        .orElseGet(() -> fail("%s is not a topic of io.payrail.schemas.topics.Topics", name));
  }

  private static Schema.Field field(Schema record, String name) {
    return record.getFields().stream()
        .filter(field -> field.name().equalsIgnoreCase(name))
        .findFirst()
        .orElse(null);
  }

  /** Flink's Avro format: the SQL type each Avro type of the contract reads into. */
  private static final Map<String, String> FLINK_TYPES =
      Map.of(
          "string", "STRING",
          "enum", "STRING",
          "int", "INTEGER",
          "long", "BIGINT",
          "timestamp-millis", "TIMESTAMP(3)",
          "map<long>", "MAP< STRING, BIGINT >");

  /**
   * ClickHouse's AvroConfluent format: the column type each Avro type of the contract reads into.
   */
  private static final Map<String, String> CLICKHOUSE_TYPES =
      Map.of(
          "string", "String",
          "enum", "String",
          "int", "Int32",
          "long", "Int64",
          "timestamp-millis", "DateTime64(3, 'UTC')");

  private static void assertType(
      Topic<?, ?> topic, String column, String sqlType, Map<String, String> mapping) {
    Schema.Field field = field(topic.valueSchema(), column);
    assertThat(field).as("%s is a field of %s", column, topic.valueSubject()).isNotNull();
    Schema schema = field.schema();
    boolean nullable = false;
    if (schema.getType() == Schema.Type.UNION) {
      nullable = schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
      schema =
          schema.getTypes().stream()
              .filter(s -> s.getType() != Schema.Type.NULL)
              .findFirst()
              .orElseThrow();
    }
    String avro;
    if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
      avro = "timestamp-millis";
    } else if (schema.getType() == Schema.Type.MAP) {
      avro = "map<" + schema.getValueType().getType().getName() + ">";
    } else {
      avro = schema.getType().getName();
    }
    String expected = mapping.get(avro);
    assertThat(expected).as("a mapping for Avro %s (%s)", avro, column).isNotNull();
    String declared = sqlType.strip();
    if (mapping == CLICKHOUSE_TYPES && nullable) {
      expected = "Nullable(" + expected + ")";
    }
    assertThat(declared.toUpperCase(Locale.ROOT))
        .as("%s.%s is Avro %s%s", topic.name(), column, avro, nullable ? " (nullable)" : "")
        .isEqualTo(expected.toUpperCase(Locale.ROOT));
  }

  // ---------------------------------------------------------------- recipe readers

  private static SqlNodeList parseFlink(String sql) throws Exception {
    SqlParser.Config config =
        SqlParser.config()
            .withParserFactory(FlinkSqlParserImpl.FACTORY)
            .withConformance(FlinkSqlConformance.DEFAULT)
            .withLex(org.apache.calcite.config.Lex.JAVA);
    return SqlParser.create(sql, config).parseStmtList();
  }

  /**
   * A Flink Kafka table's key column: {@code key.fields} for the {@code kafka} connector, the
   * primary key for {@code upsert-kafka}.
   */
  private static String flinkKeyColumn(SqlCreateTable table) {
    String keyFields = table.getProperties().get("key.fields");
    if (keyFields != null) {
      return keyFields;
    }
    assertThat(table.getFullConstraints())
        .as("%s declares key.fields or a primary key", table.getName())
        .hasSize(1);
    String[] primaryKey = table.getFullConstraints().get(0).getColumnNames();
    assertThat(primaryKey).as("%s's primary key is the record key", table.getName()).hasSize(1);
    return primaryKey[0];
  }

  /** A ksqlDB stream or table over a topic: its name, its key column and the topic. */
  private static final Pattern KSQL_SOURCE =
      Pattern.compile(
          "CREATE (?:SOURCE )?(?:STREAM|TABLE) (\\w+) \\((\\w+) VARCHAR (?:PRIMARY )?KEY\\)\\s*"
              + "WITH \\(KAFKA_TOPIC = '([^']+)', KEY_FORMAT = 'KAFKA', VALUE_FORMAT = 'AVRO'\\);");

  private static Map<String, String> ksqlDbKeyColumns(String sql) {
    Map<String, String> keyColumns = new HashMap<>();
    Matcher declared = KSQL_SOURCE.matcher(sql.replaceAll("(?m)--.*$", ""));
    while (declared.find()) {
      keyColumns.put(declared.group(1), declared.group(2));
    }
    return keyColumns;
  }

  // ---------------------------------------------------------------- text helpers

  private static final Set<String> KSQL_WORDS =
      Set.of("COUNT", "SUM", "AVG", "AS", "AND", "OR", "NOT", "NULL", "IS", "IN", "LIKE");

  /** Column names in select, where and group-by clauses: no literals, functions or aliases. */
  private static List<String> identifiers(String clauses) {
    String withoutLiterals = clauses.replaceAll("'[^']*'", " ").replaceAll("\\bAS \\w+", " ");
    List<String> identifiers = new ArrayList<>();
    Matcher word = Pattern.compile("\\b[A-Za-z_]\\w*\\b").matcher(withoutLiterals);
    while (word.find()) {
      if (!KSQL_WORDS.contains(word.group().toUpperCase(Locale.ROOT))) {
        identifiers.add(word.group());
      }
    }
    return identifiers;
  }

  private static void assertBalanced(String sql) {
    int depth = 0;
    boolean quoted = false;
    for (char c : sql.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
        assertThat(depth).as("parentheses").isNotNegative();
      }
    }
    assertThat(depth).as("parentheses").isZero();
    assertThat(quoted).as("quotes").isFalse();
    assertThat(sql.strip()).as("the last statement ends with ;").endsWith(";");
  }

  private static String read(String recipe) throws IOException {
    return Files.readString(RECIPES.resolve(recipe));
  }
}
