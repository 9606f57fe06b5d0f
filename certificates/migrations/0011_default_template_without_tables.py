# ruff: noqa: E501 (the two templates, kept as they are written)
"""The default certificate template drawn without tables or static frames (issue 14).

The default template is also a database row, "Default" (``services.default_template`` creates it
from ``certificates/pdf/default.html``). This replaces that row's text with the new default only
where it is still, to the character, the default it replaces: a template an administrator has
edited, even by a space, is left as it is, and so is any other template (a copy of the old
default kept under another name keeps the old look). Its version goes up by one, as an edit in
the admin would make it, so that certificates issued from now on record the new version.

Certificates already rendered keep their stored, signed PDF: ``services.render_certificate``
never draws a certificate again once its SHA-256 is recorded. One issued from the default but
not yet rendered when this runs (its render queued) is drawn in the new layout. Both texts are kept here, not
read from the file, which will change again.
"""

from django.db import migrations
from django.db.models import F
from django.utils import timezone

PREVIOUS_DEFAULT = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ kind_title_en }} {{ serial }}</title>
<style>
  @page {
    size: a4 landscape;
    @frame rule_outer {
      -pdf-frame-content: rule_outer_content;
      left: 16pt; top: 16pt; right: 16pt; bottom: 16pt;
      -pdf-frame-border: 1; border-color: #0f4c5c; border-width: 2.5pt;
    }
    @frame rule_inner {
      -pdf-frame-content: rule_inner_content;
      left: 22pt; top: 22pt; right: 22pt; bottom: 22pt;
      -pdf-frame-border: 1; border-color: #a8843f; border-width: 0.75pt;
    }
    @frame content {
      left: 44pt; top: 36pt; right: 44pt; bottom: 150pt;
    }
    @frame footer {
      -pdf-frame-content: footer_content;
      left: 44pt; right: 44pt; bottom: 30pt; height: 118pt;
    }
  }
  body { font-family: Amiri; font-size: 10pt; line-height: 1.3; color: #1d2a30; }
  table { width: 100%; }
  td { vertical-align: top; padding: 0; }
  .en div, .ar div, .mid div { text-align: center; }
  .brand { font-size: 15pt; font-weight: bold; color: #0f4c5c; }
  .brand-en { letter-spacing: 2pt; text-align: left; }
  .brand-ar { font-size: 17pt; text-align: right; }
  .programme { font-size: 9.5pt; color: #5b6b72; }
  .programme-en { text-align: left; }
  .programme-ar { text-align: right; }
  .kind { font-size: 22pt; font-weight: bold; color: #0f4c5c; }
  .lead { font-size: 10.5pt; color: #5b6b72; margin-top: 8pt; }
  .holder { font-size: 23pt; font-weight: bold; color: #1d2a30; }
  .course { font-size: 14.5pt; font-weight: bold; color: #0f4c5c; }
  .detail { font-size: 10pt; margin-top: 2pt; }
  .code { font-size: 10pt; margin-top: 6pt; color: #0f4c5c; font-weight: bold; }
  .dates { font-size: 9.5pt; color: #1d2a30; }
  .ar-col { border-left: 0.75pt solid #a8843f; padding-left: 16pt; }
  .en-col { padding-right: 16pt; }
  .label { font-size: 8pt; color: #5b6b72; }
  .mid div.label-en { text-align: right; padding-right: 6pt; }
  .mid div.label-ar { text-align: left; padding-left: 6pt; }
  .value { font-size: 9.5pt; font-weight: bold; color: #1d2a30; }
  .url { font-size: 8pt; color: #0f4c5c; overflow-wrap: anywhere; }
  .signature { border-top: 0.75pt solid #1d2a30; padding-top: 3pt; }
  .signatory { font-size: 11pt; font-weight: bold; }
  .muted { color: #5b6b72; }
</style>
</head>
<body>
<div id="rule_outer_content">&nbsp;</div>
<div id="rule_inner_content">&nbsp;</div>

<div id="footer_content">
<table>
  <tr>
    <td style="width: 30%; padding: 50pt 24pt 0 24pt" class="en">
      <div class="signature">
        <div class="signatory">{{ signatory_name_en }}</div>
        <div class="muted">{{ signatory_title_en }}</div>
      </div>
    </td>
    <td style="width: 40%" class="mid">
      <div><img src="{{ qr_data_uri }}" width="70" height="70" alt=""></div>
      <table>
        <tr>
          <td style="width: 28%"><div class="label label-en">Serial</div></td>
          <td style="width: 44%"><div class="value">{{ serial }}</div></td>
          <td style="width: 28%"><div dir="rtl" class="label label-ar">الرقم التسلسلي</div></td>
        </tr>
        <tr>
          <td><div class="label label-en">Verification code</div></td>
          <td><div class="value">{{ verification_code_display }}</div></td>
          <td><div dir="rtl" class="label label-ar">رمز التحقق</div></td>
        </tr>
      </table>
      <div class="url">{{ verification_url_display }}</div>
    </td>
    <td style="width: 30%; padding: 50pt 24pt 0 24pt" class="ar">
      <div class="signature">
        <div dir="rtl" class="signatory">{{ signatory_name_ar }}</div>
        <div dir="rtl" class="muted">{{ signatory_title_ar }}</div>
      </div>
    </td>
  </tr>
</table>
</div>

<div style="-pdf-keep-in-frame-mode: shrink">
<table>
  <tr>
    <td style="width: 40%">
      <div class="brand brand-en">{{ programme_name_en|upper }}</div>
      <div class="programme programme-en">{{ programme_full_name_en }}</div>
    </td>
    <td style="width: 20%" class="mid">
      <div><img src="{{ logo_data_uri }}" width="54" height="63" alt=""></div>
    </td>
    <td style="width: 40%">
      <div dir="rtl" class="brand brand-ar">{{ programme_name_ar }}</div>
      <div dir="rtl" class="programme programme-ar">{{ programme_full_name_ar }}</div>
    </td>
  </tr>
</table>

<table style="margin-top: 20pt">
  <tr>
    <td style="width: 50%" class="en en-col">
      <div class="kind">{{ kind_title_en }}</div>
      <div class="lead">This certificate is awarded to</div>
      <div class="holder" style="font-size: {{ holder_name_size_en }}pt">{{ holder_name_en }}</div>
      <div class="lead">
        {% if kind == "competency" %}for passing the competency assessment of
        {% else %}for completing the course{% endif %}
      </div>
      <div class="course">{{ course_title_en }}</div>
      <div class="code">{{ course_code }}</div>
      <div class="detail">{{ hours }} training hour{% if hours != "1" %}s{% endif %}</div>
      {% if sector_en %}<div class="detail">Sector: {{ sector_en }}</div>{% endif %}
      {% if organisation_en %}
        <div class="detail">Organisation: {{ organisation_en }}</div>
      {% endif %}
    </td>
    <td style="width: 50%" class="ar ar-col">
      <div dir="rtl" class="kind">{{ kind_title_ar }}</div>
      <div dir="rtl" class="lead">تمنح هذه الشهادة إلى</div>
      <div dir="rtl" class="holder" style="font-size: {{ holder_name_size_ar }}pt">{{ holder_name_ar }}</div>
      <div dir="rtl" class="lead">
        {% if kind == "competency" %}لاجتياز تقييم الكفاءة في دورة{% else %}لإتمام دورة{% endif %}
      </div>
      <div dir="rtl" class="course">{{ course_title_ar }}</div>
      <div class="code">{{ course_code }}</div>
      <div dir="rtl" class="detail">عدد ساعات التدريب: {{ hours }}</div>
      {% if sector_ar %}<div dir="rtl" class="detail">القطاع: {{ sector_ar }}</div>{% endif %}
      {% if organisation_ar %}
        <div dir="rtl" class="detail">الجهة: {{ organisation_ar }}</div>
      {% endif %}
    </td>
  </tr>
  <tr>
    <td style="padding-top: 16pt" class="en en-col">
      <div class="dates">Issued on {{ issued_gregorian_en }} &middot; {{ issued_hijri_en }}</div>
      {% if expires_on %}
        <div class="dates">
          Valid until {{ expires_gregorian_en }} &middot; {{ expires_hijri_en }}
        </div>
      {% endif %}
    </td>
    <td style="padding-top: 16pt" class="ar ar-col">
      <div dir="rtl" class="dates">
        تاريخ الإصدار: {{ issued_hijri_ar }} الموافق {{ issued_gregorian_ar }}
      </div>
      {% if expires_on %}
        <div dir="rtl" class="dates">
          صالحة حتى: {{ expires_hijri_ar }} الموافق {{ expires_gregorian_ar }}
        </div>
      {% endif %}
    </td>
  </tr>
</table>
</div>
</body>
</html>
"""

NEW_DEFAULT = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ kind_title_en }} {{ serial }}</title>
<style>
  /* Every block has a frame of its own, filled in turn (class "next" moves on to the next
     frame, "last" leaves it after the block): no tables and no static frames, the dearest
     things xhtml2pdf draws. The rules round the page and between the columns are the borders
     of the last three frames, which the flow passes through empty at the end. A column is set
     in a box that shrinks it only when its text may not fit (columns_fit): the box costs a
     twentieth of a certificate. */
  @page {
    size: a4 landscape;
    @frame head_en { left: 44pt; top: 36pt; width: 301pt; height: 66pt; }
    @frame logo { left: 345pt; top: 36pt; width: 152pt; height: 66pt; }
    @frame head_ar { left: 497pt; top: 36pt; width: 301pt; height: 66pt; }
    @frame column_en { left: 44pt; top: 102pt; width: 361pt; height: 340pt; }
    @frame column_ar { left: 437pt; top: 102pt; width: 361pt; height: 340pt; }
    @frame signature_en { left: 68pt; top: 497pt; width: 178pt; height: 60pt; }
    @frame qr { left: 270pt; top: 447pt; width: 302pt; height: 60pt; }
    @frame label_en { left: 270pt; top: 502pt; width: 79pt; height: 44pt; }
    @frame value { left: 355pt; top: 502pt; width: 133pt; height: 44pt; }
    @frame label_ar { left: 494pt; top: 502pt; width: 79pt; height: 44pt; }
    @frame url { left: 270pt; top: 535pt; width: 302pt; height: 30pt; }
    @frame signature_ar { left: 596pt; top: 497pt; width: 178pt; height: 60pt; }
    @frame divider {
      left: 421pt; top: 102pt; width: 0.01pt; height: 300pt;
      -pdf-frame-border: 1; border-color: #a8843f; border-width: 0.75pt;
    }
    @frame rule_outer {
      left: 16pt; top: 16pt; right: 16pt; bottom: 16pt;
      -pdf-frame-border: 1; border-color: #0f4c5c; border-width: 2.5pt;
    }
    @frame rule_inner {
      left: 22pt; top: 22pt; right: 22pt; bottom: 22pt;
      -pdf-frame-border: 1; border-color: #a8843f; border-width: 0.75pt;
    }
  }
  body { font-family: Amiri; font-size: 10pt; line-height: 1.3; color: #1d2a30; text-align: center; }
  div { text-align: center; }
  .brand { font-size: 15pt; font-weight: bold; color: #0f4c5c; letter-spacing: 2pt; }
  .start { text-align: left; }
  .end { text-align: right; }
  .brand-ar { font-size: 17pt; font-weight: bold; color: #0f4c5c; }
  .programme { font-size: 9.5pt; color: #5b6b72; }
  .kind { font-size: 22pt; font-weight: bold; color: #0f4c5c; }
  .lead { font-size: 10.5pt; color: #5b6b72; margin-top: 8pt; }
  .holder { font-size: 23pt; font-weight: bold; color: #1d2a30; }
  .course { font-size: 14.5pt; font-weight: bold; color: #0f4c5c; }
  .code { margin-top: 6pt; color: #0f4c5c; font-weight: bold; }
  .dates { font-size: 9.5pt; margin-top: 16pt; }
  .label { font-size: 8pt; line-height: 16pt; color: #5b6b72; }
  .value { font-size: 9.5pt; line-height: 16pt; font-weight: bold; }
  .url { font-size: 8pt; color: #0f4c5c; overflow-wrap: anywhere; }
  .signature { border-top: 0.75pt solid #1d2a30; padding-top: 3pt; }
  .signatory { font-size: 11pt; font-weight: bold; }
  .muted { color: #5b6b72; }
  .next { -pdf-frame-break: before; }
  .last { -pdf-frame-break: after; }
</style>
</head>
<body>{% spaceless %}
<div class="brand start">{{ programme_name_en|upper }}</div>
<div class="programme start last">{{ programme_full_name_en }}</div>
<img src="{{ logo_data_uri }}" width="54" height="63" alt="">
<div dir="rtl" class="end next"><span class="brand-ar">{{ programme_name_ar }}</span><br><span class="programme">{{ programme_full_name_ar }}</span></div>
<div class="next"{% if not columns_fit %} style="-pdf-keep-in-frame-mode: shrink"{% endif %}>
<div class="kind">{{ kind_title_en }}</div>
<div class="lead">This certificate is awarded to<br><span class="holder" style="font-size: {{ holder_name_size_en }}pt">{{ holder_name_en }}</span></div>
<div class="lead">{% if kind == "competency" %}for passing the competency assessment of{% else %}for completing the course{% endif %}<br><span class="course">{{ course_title_en }}</span></div>
<div class="code">{{ course_code }}</div>
<div>{{ hours }} training hour{% if hours != "1" %}s{% endif %}{% if sector_en %}<br>Sector: {{ sector_en }}{% endif %}{% if organisation_en %}<br>Organisation: {{ organisation_en }}{% endif %}</div>
<div class="dates">Issued on {{ issued_gregorian_en }} &middot; {{ issued_hijri_en }}{% if expires_on %}<br>Valid until {{ expires_gregorian_en }} &middot; {{ expires_hijri_en }}{% endif %}</div>
</div>
<div class="next"{% if not columns_fit %} style="-pdf-keep-in-frame-mode: shrink"{% endif %}>
<div dir="rtl" class="kind">{{ kind_title_ar }}</div>
<div dir="rtl" class="lead">تمنح هذه الشهادة إلى<br><span class="holder" style="font-size: {{ holder_name_size_ar }}pt">{{ holder_name_ar }}</span></div>
<div dir="rtl" class="lead">{% if kind == "competency" %}لاجتياز تقييم الكفاءة في دورة{% else %}لإتمام دورة{% endif %}<br><span class="course">{{ course_title_ar }}</span></div>
<div class="code">{{ course_code }}</div>
<div dir="rtl">عدد ساعات التدريب: {{ hours }}{% if sector_ar %}<br>القطاع: {{ sector_ar }}{% endif %}{% if organisation_ar %}<br>الجهة: {{ organisation_ar }}{% endif %}</div>
<div dir="rtl" class="dates">تاريخ الإصدار: {{ issued_hijri_ar }} الموافق {{ issued_gregorian_ar }}{% if expires_on %}<br>صالحة حتى: {{ expires_hijri_ar }} الموافق {{ expires_gregorian_ar }}{% endif %}</div>
</div>
<div class="signature next"><span class="signatory">{{ signatory_name_en }}</span><br><span class="muted">{{ signatory_title_en }}</span></div>
<div class="next"><img src="{{ qr_data_uri }}" width="70" height="70" alt=""></div>
<div class="label end next">Serial<br>Verification code</div>
<div class="value next">{{ serial }}<br>{{ verification_code_display }}</div>
<div dir="rtl" class="label start next">الرقم التسلسلي<br>رمز التحقق</div>
<div class="url next">{{ verification_url_display }}</div>
<div dir="rtl" class="signature next"><span class="signatory">{{ signatory_name_ar }}</span><br><span class="muted">{{ signatory_title_ar }}</span></div>
<pdf:nextframe>
<pdf:nextframe>
<pdf:nextframe>
{% endspaceless %}</body>
</html>
"""


def _replace(apps, before: str, after: str) -> None:
    template = apps.get_model("certificates", "CertificateTemplate")
    template.objects.filter(name="Default", html=before).update(
        html=after, version=F("version") + 1, updated_at=timezone.now()
    )


def forwards(apps, schema_editor):
    _replace(apps, PREVIOUS_DEFAULT, NEW_DEFAULT)


def backwards(apps, schema_editor):
    _replace(apps, NEW_DEFAULT, PREVIOUS_DEFAULT)


class Migration(migrations.Migration):
    dependencies = [("certificates", "0010_listing_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
