// Registers every mingo operator (query, projection, update, pipeline, expression) once,
// so filters and pipelines see MongoDB's full operator set.
import 'mingo/init/system';
