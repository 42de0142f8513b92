"""The eight principles of good commissioning (OTS Public Services Action Plan; 002 Appendix 2).

Commissioners tick each one they have met on an opportunity; the list is shown publicly.
"""

from django.utils.translation import gettext_lazy as _

PRINCIPLES = {
    1: _("Develop an understanding of the needs of users and communities by ensuring that, alongside other consultees, they engage with third sector organisations as advocates to access their specialist knowledge."),
    2: _("Consult potential provider organisations, including those from the third sector and local experts, well in advance of commissioning new services, working with them to set priority outcomes for that service."),
    3: _("Put outcomes for users at the heart of the strategic planning process."),
    4: _("Map the fullest practicable range of providers with a view to understanding the contribution they could make to delivering those outcomes."),
    5: _("Consider investing in the capacity of the provider base, particularly those working with hard-to reach groups."),
    6: _("Ensure contracting processes are transparent and fair, facilitating the involvement of the broadest range of suppliers, including considering subcontracting and consortia-building where appropriate."),
    7: _("Seek to ensure long-term contracts and risk sharing wherever appropriate as ways of achieving efficiency and effectiveness."),
    8: _("Seek feedback from service users, communities and providers in order to review the effectiveness of the commissioning process in meeting local needs."),
}
