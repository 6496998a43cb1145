"""Messages to customers: a transactional outbox, SMTP e-mail and Kavenegar SMS. Never imports Reflex."""
