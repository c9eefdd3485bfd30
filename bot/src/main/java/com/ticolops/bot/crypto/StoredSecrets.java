package com.ticolops.bot.crypto;

import java.util.Arrays;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The secrets a module stores encrypted with {@link SecretCipher}, implemented by that module for its own tables: when
 * the key is rotated, the key check has them re-encrypted this way, since a module writes only its own tables.
 */
public interface StoredSecrets {

    /**
     * Replaces every stored ciphertext with what {@code reseal} makes of it, in the caller's transaction. A row is left
     * alone when {@code reseal} gives back the same bytes, or when it changed since it was read (a secret stored anew
     * meanwhile must not be overwritten with the old one).
     *
     * @return how many were replaced, by kind: a plural for the log, such as "deploy hook URLs"
     */
    Map<String, Integer> reseal(UnaryOperator<byte[]> reseal);

    /**
     * How an implementation reseals one column of its own table, row by row, as {@link #reseal} describes.
     *
     * @param table  the owner's table, and its key and encrypted column: names written in the owner's code, never input
     * @return how many were replaced
     */
    static int resealColumn(JdbcClient jdbc, String table, String key, String column, UnaryOperator<byte[]> reseal) {
        record Sealed(long key, byte[] ciphertext) {
        }
        int count = 0;
        for (Sealed sealed : jdbc.sql("select " + key + ", " + column + " from " + table + " where " + column + " is not null")
                .query((row, n) -> new Sealed(row.getLong(1), row.getBytes(2))).list()) {
            byte[] again = reseal.apply(sealed.ciphertext());
            if (!Arrays.equals(again, sealed.ciphertext())) {
                count += jdbc.sql("update " + table + " set " + column + " = ? where " + key + " = ? and " + column + " = ?")
                        .params(again, sealed.key(), sealed.ciphertext()).update();
            }
        }
        return count;
    }
}
