package io.liandong.catalog.internal;

import java.util.Arrays;

/** An int-to-int hash table with open addressing, so looking up a bigram boxes nothing. */
final class IntTable {

    private final int[] keys;
    private final int[] values;
    private final boolean[] used;
    private final int mask;

    IntTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected * 2) - 1) << 1;
        keys = new int[capacity];
        values = new int[capacity];
        used = new boolean[capacity];
        mask = capacity - 1;
        Arrays.fill(values, -1);
    }

    void put(int key, int value) {
        int slot = slot(key);
        while (used[slot] && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        used[slot] = true;
        keys[slot] = key;
        values[slot] = value;
    }

    /** The value for the key, or -1. */
    int get(int key) {
        int slot = slot(key);
        while (used[slot]) {
            if (keys[slot] == key) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    private int slot(int key) {
        int h = key * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
