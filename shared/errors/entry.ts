/** One code of the catalogue: the HTTP status it answers with, and its English message for logs and API clients. */
export interface ErrorEntry {
  status: number;
  message: (details: never) => string;
}
