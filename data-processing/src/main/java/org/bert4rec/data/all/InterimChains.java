package org.bert4rec.data.all;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bert4rec.utils.UserInputException;

/**
 * The raw stage's output, {@code <uid> <item>} per line, read into per-user chains of item token numbers (tokens
 * numbered in first-seen order, with their counts). Users keep the order of their first line, and a user's lines
 * need not be adjacent (the seed's defaultdict behaves the same).
 *
 * @param userCodes   encoded user id of each chain
 * @param chains      token numbers of each chain, in line order
 * @param tokens      item tokens by token number (first-seen order)
 * @param tokenCounts occurrences of each token
 */
record InterimChains(int[] userCodes, int[][] chains, List<String> tokens, long[] tokenCounts) {

    static InterimChains read(Path file) {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserInputException("interim file " + file + " does not exist: run bert4rec raw with the same"
                    + " --task first");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        Map<String, Integer> tokenIds = new HashMap<>();
        List<String> tokens = new ArrayList<>();
        long[] counts = new long[1024];
        Map<Integer, int[]> byUser = new LinkedHashMap<>(); // chain buffer with its fill in slot 0
        int pos = 0;
        int lineNo = 0;
        int lastUser = Integer.MIN_VALUE;
        int[] lastChain = null;
        while (pos < b.length) {
            lineNo++;
            int end = pos;
            while (end < b.length && b[end] != '\n') {
                end++;
            }
            int lineEnd = end > pos && b[end - 1] == '\r' ? end - 1 : end;
            if (lineEnd > pos) {
                int sp = pos;
                while (sp < lineEnd && b[sp] != ' ') {
                    sp++;
                }
                int user = parseUser(b, pos, sp, file, lineNo);
                if (sp >= lineEnd - 1) {
                    throw malformed(file, lineNo);
                }
                String token = new String(b, sp + 1, lineEnd - sp - 1, StandardCharsets.UTF_8);
                if (token.indexOf(' ') >= 0) {
                    throw malformed(file, lineNo);
                }
                Integer t = tokenIds.get(token);
                if (t == null) {
                    t = tokens.size();
                    tokenIds.put(token, t);
                    tokens.add(token);
                    if (t == counts.length) {
                        counts = Arrays.copyOf(counts, t * 2);
                    }
                }
                counts[t]++;
                if (user != lastUser) {
                    lastChain = byUser.computeIfAbsent(user, k -> new int[9]);
                    lastUser = user;
                }
                int fill = lastChain[0];
                if (fill + 1 == lastChain.length) {
                    lastChain = Arrays.copyOf(lastChain, lastChain.length * 2);
                    byUser.put(user, lastChain);
                }
                lastChain[fill + 1] = t;
                lastChain[0] = fill + 1;
            }
            pos = end + 1;
        }
        if (byUser.isEmpty()) {
            throw new UserInputException("interim file " + file + " has no '<uid> <item>' lines: run bert4rec raw"
                    + " again and check its warnings");
        }
        int[] users = new int[byUser.size()];
        int[][] chains = new int[byUser.size()][];
        int i = 0;
        for (Map.Entry<Integer, int[]> e : byUser.entrySet()) {
            users[i] = e.getKey();
            chains[i++] = Arrays.copyOfRange(e.getValue(), 1, e.getValue()[0] + 1);
        }
        return new InterimChains(users, chains, tokens, Arrays.copyOf(counts, tokens.size()));
    }

    private static int parseUser(byte[] b, int from, int to, Path file, int lineNo) {
        if (from == to || to - from > 9) {
            throw malformed(file, lineNo);
        }
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                throw malformed(file, lineNo);
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static UserInputException malformed(Path file, int lineNo) {
        return new UserInputException("interim file " + file + " line " + lineNo + ": expected '<encoded uid> <item>'"
                + " (a non-negative integer, one space, one token): run bert4rec raw again");
    }
}
