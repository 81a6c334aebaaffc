/**
 * The {@code bert4rec} command line: one picocli subcommand class per stage, shared options in mixins. Only this
 * module picks implementations (the tracking store, the ND4J backend's settings) and only {@link
 * org.bert4rec.cli.Bert4RecCli#main} calls {@code System.exit}.
 */
package org.bert4rec.cli;
