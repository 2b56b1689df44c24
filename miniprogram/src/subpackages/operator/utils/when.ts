// The operators' pages read times like everyone else (utils/when).
export { formatWhen } from '../../../utils/when';
