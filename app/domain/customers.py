"""Rules about customer companies that hold on every screen, in the API and in exports."""

from __future__ import annotations

ACTIVE = "active"


class CustomerRules:
    """Behaviour mixed into the generated `Customer` model (named in model.yaml as its mixin)."""

    status: str

    @property
    def may_order(self) -> bool:
        """Only an active customer's contacts may log in to the portal and order."""
        return self.status == ACTIVE
