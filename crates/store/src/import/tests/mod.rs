mod fixtures;
mod headers;
mod people_csv;
mod people_xlsx;
mod read;
mod units;
