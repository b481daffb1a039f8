/** `dl.data`: fast readers for tabular files (CSV, Weka ARFF). */
export { readCsv, parseCsv, CsvParseError } from "./csv";
export type { CsvOptions, CsvTable, ReadCsvOptions, SkippedLine } from "./csv";
export { readArff, parseArff, arffToDataFrame, nominalCodes, ArffParseError } from "./arff";
export type { ArffData, ArffAttribute } from "./arff";
