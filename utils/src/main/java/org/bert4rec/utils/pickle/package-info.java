/**
 * Python pickles: reading what the seed pipeline and pandas wrote (DataFrames of pandas 1.5 and 2.x, numpy arrays
 * and scalars, plain objects such as the seed's pickled {@code FreqVocab}) through net.razorvine's unpickler, and
 * writing simple dicts that Python's {@code pickle.load} reads, so downstream Python keeps working.
 *
 * <p>No Python code runs: classes the unpickler does not know become {@link org.bert4rec.utils.pickle.PythonObject}
 * nodes (the callable's name, its arguments and its state), which {@link org.bert4rec.utils.pickle.NumpyArrays} and
 * {@link org.bert4rec.utils.pickle.PandasFrame} then interpret.
 */
package org.bert4rec.utils.pickle;
