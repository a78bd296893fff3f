mod citizen_id;
mod contact;
mod person;
mod unit;
mod vocab;
