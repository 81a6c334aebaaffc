/**
 * What git knows about the code that ran: commit, branch, remote and whether the work tree had uncommitted changes.
 * Tracking records it so that every run can be traced back to its code, as the seed's Makefile intended by
 * committing before every stage.
 */
package org.bert4rec.utils.git;
