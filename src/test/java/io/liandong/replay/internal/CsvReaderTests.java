package io.liandong.replay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTests {

    @Test
    void readsPlainRecordsWithEmptyFields() throws IOException {
        assertThat(fields("a,b,c\n1,,3\n,,\n"))
                .containsExactly(List.of("a", "b", "c"), List.of("1", "", "3"), List.of("", "", ""));
    }

    @Test
    void keepsCommasInsideQuotes() throws IOException {
        assertThat(fields("name,location\nX,\"(37.7458, -122.4566)\"\n"))
                .containsExactly(List.of("name", "location"), List.of("X", "(37.7458, -122.4566)"));
    }

    @Test
    void turnsDoubledQuotesIntoOne() throws IOException {
        assertThat(fields("\"say \"\"hi\"\"\",\"\"\"\",\"\"\n")).containsExactly(List.of("say \"hi\"", "\"", ""));
    }

    @Test
    void keepsLineBreaksInsideQuotesAndCountsLinesFromTheRecordStart() throws IOException {
        List<CsvRecord> records = records("h1,h2\r\n\"two\r\nlines\",x\r\n\"three\nmore\nlines\",y\r\nlast,z");

        assertThat(records)
                .extracting(CsvRecord::fields)
                .containsExactly(
                        List.of("h1", "h2"),
                        List.of("two\r\nlines", "x"),
                        List.of("three\nmore\nlines", "y"),
                        List.of("last", "z"));
        assertThat(records).extracting(CsvRecord::line).containsExactly(1L, 2L, 4L, 7L);
    }

    @Test
    void acceptsCrLfLfAndCrLineEndsAndNoFinalLineBreak() throws IOException {
        assertThat(fields("a\r\nb\nc\rd")).containsExactly(List.of("a"), List.of("b"), List.of("c"), List.of("d"));
    }

    @Test
    void dropsAByteOrderMarkAndSkipsBlankLines() throws IOException {
        List<CsvRecord> records = records("\uFEFFa,b\n\n1,2\n\r\n");

        assertThat(records).extracting(CsvRecord::fields).containsExactly(List.of("a", "b"), List.of("1", "2"));
        assertThat(records.get(1).line()).isEqualTo(3);
    }

    @Test
    void treatsAQuoteInsideAnUnquotedFieldAsText() throws IOException {
        assertThat(fields("5\" pipe,x\n")).containsExactly(List.of("5\" pipe", "x"));
    }

    @Test
    void flagsTextAfterAClosingQuoteAndGoesOnWithTheNextLine() throws IOException {
        List<CsvRecord> records = records("\"ab\"c,d\nnext,row\n");

        assertThat(records.get(0).error()).isEqualTo("text after a closing quote on line 1: 'c'");
        assertThat(records.get(1).fields()).containsExactly("next", "row");
        assertThat(records.get(1).error()).isNull();
    }

    @Test
    void flagsAQuoteThatNeverCloses() throws IOException {
        List<CsvRecord> records = records("a,b\n1,\"open\n2,3\n");

        assertThat(records).hasSize(2);
        assertThat(records.get(1).error()).isEqualTo("quoted field opened on line 2 is never closed");
    }

    @Test
    void readsAcrossItsBufferBoundary() throws IOException {
        String longField = "x".repeat(70_000);
        List<CsvRecord> records = records("a,\"" + longField + "\r\n\"\"y\"\r\nb,c\r\n");

        assertThat(records.get(0).fields()).containsExactly("a", longField + "\r\n\"y");
        assertThat(records.get(1).line()).isEqualTo(3);
    }

    @Test
    void answersNothingForAnEmptyInput() throws IOException {
        assertThat(records("")).isEmpty();
    }

    private static List<List<String>> fields(String text) throws IOException {
        return records(text).stream().map(CsvRecord::fields).toList();
    }

    private static List<CsvRecord> records(String text) throws IOException {
        return records(new StringReader(text));
    }

    private static List<CsvRecord> records(Reader reader) throws IOException {
        List<CsvRecord> records = new ArrayList<>();
        try (CsvReader csv = new CsvReader(reader)) {
            for (CsvRecord record = csv.next(); record != null; record = csv.next()) {
                records.add(record);
            }
        }
        return records;
    }
}
