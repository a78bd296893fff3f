use crate::directory::{Email, EmailError, PhoneError, parse_phone};

#[test]
fn an_email_is_trimmed_and_lower_cased() {
    let email = Email::parse("  Somchai.J@School.AC.TH ");
    assert_eq!(
        email.as_ref().map(Email::as_str),
        Ok("somchai.j@school.ac.th")
    );
}

#[test]
fn common_valid_addresses_are_accepted() {
    for text in [
        "a@b.co",
        "first.last+pa@obec.go.th",
        "o'neil@mail.example.com",
        "kru_01@โรงเรียน.ไทย",
    ] {
        assert!(Email::parse(text).is_ok(), "{text}");
    }
}

#[test]
fn malformed_addresses_are_refused_with_an_example() {
    for text in [
        "somchai",
        "somchai@",
        "@school.ac.th",
        "somchai@@school.ac.th",
        "som chai@school.ac.th",
        "somchai@school",
        "somchai@school.c",
        "somchai@school..ac.th",
        ".somchai@school.ac.th",
        "som..chai@school.ac.th",
        "somchai@-school.ac.th",
        "somchai@school.ac.th.",
        "สมชาย@school.ac.th",
    ] {
        let error = Email::parse(text);
        assert!(matches!(error, Err(EmailError::Invalid(_))), "{text}");
        assert!(
            error.is_err_and(|e| e.to_string().contains("เช่น")),
            "{text}"
        );
    }
}

#[test]
fn an_empty_email_is_reported_as_missing() {
    assert_eq!(Email::parse(""), Err(EmailError::Empty));
}

#[test]
fn mobile_and_landline_numbers_keep_only_their_digits() {
    assert_eq!(parse_phone("081-234-5678").as_deref(), Ok("0812345678"));
    assert_eq!(parse_phone("02 123 4567").as_deref(), Ok("021234567"));
    assert_eq!(parse_phone("๐๘๑๒๓๔๕๖๗๘").as_deref(), Ok("0812345678"));
}

#[test]
fn an_international_prefix_becomes_the_trunk_zero() {
    assert_eq!(parse_phone("+66 81 234 5678").as_deref(), Ok("0812345678"));
}

#[test]
fn numbers_of_the_wrong_length_or_without_the_zero_are_refused() {
    for text in ["12345", "812345678", "08123456789", "0812"] {
        assert!(
            matches!(parse_phone(text), Err(PhoneError::Shape(_))),
            "{text}"
        );
    }
}

#[test]
fn letters_and_extensions_in_a_phone_number_are_refused() {
    for text in ["081-234-567x", "02-123-4567 ต่อ 12", "(02) 123 4567"] {
        assert!(
            matches!(parse_phone(text), Err(PhoneError::NotDigits(_))),
            "{text}"
        );
    }
}
