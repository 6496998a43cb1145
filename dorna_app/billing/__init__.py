"""The billing domain: customers, services, invoices, payments. Plain SQLModel; never imports Reflex."""
