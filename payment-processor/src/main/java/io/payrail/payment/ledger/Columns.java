package io.payrail.payment.ledger;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.PreparedStatementSetter;

/**
 * A table's columns, each named once with how a row binds it, for statements that carry many rows:
 * a multi-row INSERT, or the rows of a derived table. The rows are bound straight into one prepared
 * statement with typed setters. A JDBC batch that Connector/J rewrites into the same multi-row
 * INSERT costs the driver four passes over the values (it copies each row's bindings, encodes every
 * value to size the packet, copies them into the rewritten statement, encodes them again), and
 * Spring's named parameters a map per row and a type dispatch per value: together they were a third
 * of the payment listener's CPU in the bench (README, "Performance").
 *
 * @param <R> what one row is made of
 */
final class Columns<R> {

  /**
   * The most rows in one statement. A payments row binds at most ~1.5 KB, so a statement stays far
   * below MySQL's and MariaDB's default {@code max_allowed_packet} (64 and 16 MiB); the listener's
   * chunk (500 by default) is written in one statement.
   */
  static final int ROWS_PER_STATEMENT = 500;

  /** Binds one column of a row at a parameter index. */
  @FunctionalInterface
  interface Binder<R> {
    void bind(PreparedStatement statement, int index, R row) throws SQLException;
  }

  private final List<String> names;
  private final List<Binder<R>> binders;

  private Columns(List<String> names, List<Binder<R>> binders) {
    this.names = names;
    this.binders = binders;
  }

  static <R> Columns<R> of() {
    return new Columns<>(List.of(), List.of());
  }

  /** A text column; null binds SQL NULL. */
  Columns<R> text(String name, Function<R, String> value) {
    return with(name, (statement, index, row) -> statement.setString(index, value.apply(row)));
  }

  /** A number column that is never null. */
  Columns<R> number(String name, ToLongFunction<R> value) {
    return with(name, (statement, index, row) -> statement.setLong(index, value.applyAsLong(row)));
  }

  /** A number column that may be null. */
  Columns<R> nullableNumber(String name, Function<R, ? extends Number> value) {
    return nullable(
        name,
        value,
        Types.BIGINT,
        (statement, index, number) -> statement.setLong(index, number.longValue()));
  }

  /** A DATETIME column, which holds UTC wall-clock time ({@link PaymentLedger#utc}). */
  Columns<R> time(String name, Function<R, Instant> value) {
    return nullable(
        name,
        value,
        Types.TIMESTAMP,
        (statement, index, instant) -> statement.setObject(index, PaymentLedger.utc(instant)));
  }

  private <V> Columns<R> nullable(
      String name, Function<R, ? extends V> value, int sqlType, Binder<V> set) {
    return with(
        name,
        (statement, index, row) -> {
          V present = value.apply(row);
          if (present == null) {
            statement.setNull(index, sqlType);
          } else {
            set.bind(statement, index, present);
          }
        });
  }

  /** These columns, in this order, bound from the part of another kind of row that is an R. */
  <S> Columns<S> select(Function<S, R> part, List<String> selected) {
    List<Binder<S>> chosen = new ArrayList<>();
    for (String name : selected) {
      int column = names.indexOf(name);
      if (column < 0) {
        throw new IllegalArgumentException("no column " + name + " in " + names);
      }
      Binder<R> binder = binders.get(column);
      chosen.add((statement, index, row) -> binder.bind(statement, index, part.apply(row)));
    }
    return new Columns<>(List.copyOf(selected), List.copyOf(chosen));
  }

  /** These columns, then those. */
  Columns<R> and(Columns<R> more) {
    Columns<R> all = this;
    for (int column = 0; column < more.names.size(); column++) {
      all = all.with(more.names.get(column), more.binders.get(column));
    }
    return all;
  }

  private Columns<R> with(String name, Binder<R> binder) {
    List<String> moreNames = new ArrayList<>(names);
    moreNames.add(name);
    List<Binder<R>> moreBinders = new ArrayList<>(binders);
    moreBinders.add(binder);
    return new Columns<>(List.copyOf(moreNames), List.copyOf(moreBinders));
  }

  /** The column names in order. */
  List<String> names() {
    return names;
  }

  /** One row's placeholders: {@code (?, ?, ?)}. */
  String placeholders() {
    return "(" + String.join(", ", Collections.nCopies(names.size(), "?")) + ")";
  }

  /**
   * Inserts the rows into the table, {@link #ROWS_PER_STATEMENT} at a time, in the caller's
   * transaction.
   */
  void insert(JdbcOperations jdbc, String table, List<? extends R> rows) {
    String head = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ";
    String row = placeholders();
    for (List<? extends R> statementRows : statements(rows)) {
      jdbc.update(
          head + String.join(", ", Collections.nCopies(statementRows.size(), row)),
          values(statementRows));
    }
  }

  /** The rows in statements of at most {@link #ROWS_PER_STATEMENT}, in their order. */
  static <T> List<List<T>> statements(List<T> rows) {
    List<List<T>> statements = new ArrayList<>();
    for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
      statements.add(rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT)));
    }
    return statements;
  }

  /** Binds the rows one after another, each column in order, from parameter 1. */
  PreparedStatementSetter values(List<? extends R> rows) {
    return statement -> {
      int index = 1;
      for (R row : rows) {
        for (Binder<R> binder : binders) {
          binder.bind(statement, index++, row);
        }
      }
    };
  }
}
