package io.payrail.localstack.testing;

import io.payrail.localstack.database.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The declared sizes of text columns as the database reports them ({@code INFORMATION_SCHEMA}), for
 * tests that hold the contract's lengths against the real tables.
 */
public final class ColumnSizes {

  private final DatabaseSettings database;

  private ColumnSizes(DatabaseSettings database) {
    this.database = database;
  }

  public static ColumnSizes of(DatabaseSettings database) {
    return new ColumnSizes(database);
  }

  /**
   * The column's {@code CHARACTER_MAXIMUM_LENGTH} in the current schema.
   *
   * @throws IllegalStateException when there is no such column or it is not a text column
   */
  public int characters(String table, String column) {
    String query =
        "SELECT CHARACTER_MAXIMUM_LENGTH FROM INFORMATION_SCHEMA.COLUMNS"
            + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?";
    try (Connection connection =
            DriverManager.getConnection(
                database.jdbcUrl(), database.username(), database.password());
        PreparedStatement statement = connection.prepareStatement(query)) {
      statement.setString(1, table);
      statement.setString(2, column);
      try (ResultSet result = statement.executeQuery()) {
        if (!result.next() || result.getObject(1) == null) {
          throw new IllegalStateException("no text column " + table + "." + column);
        }
        return result.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the size of " + table + "." + column, e);
    }
  }
}
