package io.appstoreetl.curation.rows;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps App Store territories, as Apple's reports write them, to ISO 3166-1 alpha-2 codes.
 *
 * <p>Analytics reports name a territory in English ({@code United States}, {@code China mainland}),
 * some clients' files carry alpha-2 codes, customer reviews carry alpha-3 codes and subscription
 * reports either. The table below contains every ISO 3166-1 country with its alpha-3 code and
 * English short name (as the JDK 17 locale data spells it), plus the other spellings of Apple's
 * storefront names and ISO's formal names, and Kosovo ({@code XK}/{@code XKS}), which is not in ISO
 * 3166-1 but is an App Store territory. Names match after {@link #normalize}: accents, case,
 * punctuation and the words "the" dropped, "&amp;" read as "and", "St." as "Saint".
 */
public final class Territories {

  // One line per territory: alpha-2, alpha-3, then names separated by |.
  private static final String TABLE =
      """
      AD AND Andorra
      AE ARE United Arab Emirates|UAE
      AF AFG Afghanistan
      AG ATG Antigua & Barbuda
      AI AIA Anguilla
      AL ALB Albania
      AM ARM Armenia
      AO AGO Angola
      AQ ATA Antarctica
      AR ARG Argentina
      AS ASM American Samoa
      AT AUT Austria
      AU AUS Australia
      AW ABW Aruba
      AX ALA Åland Islands
      AZ AZE Azerbaijan
      BA BIH Bosnia & Herzegovina
      BB BRB Barbados
      BD BGD Bangladesh
      BE BEL Belgium
      BF BFA Burkina Faso
      BG BGR Bulgaria
      BH BHR Bahrain
      BI BDI Burundi
      BJ BEN Benin
      BL BLM St. Barthélemy
      BM BMU Bermuda
      BN BRN Brunei|Brunei Darussalam
      BO BOL Bolivia|Bolivia, Plurinational State of
      BQ BES Caribbean Netherlands|Bonaire, Sint Eustatius and Saba
      BR BRA Brazil
      BS BHS Bahamas
      BT BTN Bhutan
      BV BVT Bouvet Island
      BW BWA Botswana
      BY BLR Belarus
      BZ BLZ Belize
      CA CAN Canada
      CC CCK Cocos (Keeling) Islands|Cocos Islands
      CD COD Congo - Kinshasa|Democratic Republic of the Congo|Congo, Democratic Republic of the|DR Congo
      CF CAF Central African Republic
      CG COG Congo - Brazzaville|Congo|Republic of the Congo|Congo, Republic of
      CH CHE Switzerland
      CI CIV Côte d’Ivoire|Cote d'Ivoire|Côte d'Ivoire|Ivory Coast
      CK COK Cook Islands
      CL CHL Chile
      CM CMR Cameroon
      CN CHN China|China mainland|Mainland China
      CO COL Colombia
      CR CRI Costa Rica
      CU CUB Cuba
      CV CPV Cape Verde|Cabo Verde
      CW CUW Curaçao
      CX CXR Christmas Island
      CY CYP Cyprus
      CZ CZE Czechia|Czech Republic
      DE DEU Germany
      DJ DJI Djibouti
      DK DNK Denmark
      DM DMA Dominica
      DO DOM Dominican Republic
      DZ DZA Algeria
      EC ECU Ecuador
      EE EST Estonia
      EG EGY Egypt
      EH ESH Western Sahara
      ER ERI Eritrea
      ES ESP Spain
      ET ETH Ethiopia
      FI FIN Finland
      FJ FJI Fiji
      FK FLK Falkland Islands|Falkland Islands (Malvinas)
      FM FSM Micronesia|Micronesia, Federated States of
      FO FRO Faroe Islands
      FR FRA France
      GA GAB Gabon
      GB GBR United Kingdom|UK|Great Britain
      GD GRD Grenada
      GE GEO Georgia
      GF GUF French Guiana
      GG GGY Guernsey
      GH GHA Ghana
      GI GIB Gibraltar
      GL GRL Greenland
      GM GMB Gambia
      GN GIN Guinea
      GP GLP Guadeloupe
      GQ GNQ Equatorial Guinea
      GR GRC Greece
      GS SGS South Georgia & South Sandwich Islands|South Georgia and the South Sandwich Islands
      GT GTM Guatemala
      GU GUM Guam
      GW GNB Guinea-Bissau
      GY GUY Guyana
      HK HKG Hong Kong SAR China|Hong Kong
      HM HMD Heard & McDonald Islands|Heard Island and McDonald Islands
      HN HND Honduras
      HR HRV Croatia
      HT HTI Haiti
      HU HUN Hungary
      ID IDN Indonesia
      IE IRL Ireland
      IL ISR Israel
      IM IMN Isle of Man
      IN IND India
      IO IOT British Indian Ocean Territory
      IQ IRQ Iraq
      IR IRN Iran|Iran, Islamic Republic of
      IS ISL Iceland
      IT ITA Italy
      JE JEY Jersey
      JM JAM Jamaica
      JO JOR Jordan
      JP JPN Japan
      KE KEN Kenya
      KG KGZ Kyrgyzstan
      KH KHM Cambodia
      KI KIR Kiribati
      KM COM Comoros
      KN KNA St. Kitts & Nevis
      KP PRK North Korea|Korea, Democratic People's Republic of
      KR KOR South Korea|Korea|Republic of Korea|Korea, Republic of|Korea (Republic of Korea)
      KW KWT Kuwait
      KY CYM Cayman Islands
      KZ KAZ Kazakhstan
      LA LAO Laos|Lao People's Democratic Republic|Lao PDR
      LB LBN Lebanon
      LC LCA St. Lucia
      LI LIE Liechtenstein
      LK LKA Sri Lanka
      LR LBR Liberia
      LS LSO Lesotho
      LT LTU Lithuania
      LU LUX Luxembourg
      LV LVA Latvia
      LY LBY Libya
      MA MAR Morocco
      MC MCO Monaco
      MD MDA Moldova|Moldova, Republic of|Republic of Moldova
      ME MNE Montenegro
      MF MAF St. Martin
      MG MDG Madagascar
      MH MHL Marshall Islands
      MK MKD North Macedonia|Macedonia|The Former Yugoslav Republic of Macedonia
      ML MLI Mali
      MM MMR Myanmar (Burma)|Myanmar|Burma
      MN MNG Mongolia
      MO MAC Macao SAR China|Macao|Macau
      MP MNP Northern Mariana Islands
      MQ MTQ Martinique
      MR MRT Mauritania
      MS MSR Montserrat
      MT MLT Malta
      MU MUS Mauritius
      MV MDV Maldives
      MW MWI Malawi
      MX MEX Mexico
      MY MYS Malaysia
      MZ MOZ Mozambique
      NA NAM Namibia
      NC NCL New Caledonia
      NE NER Niger
      NF NFK Norfolk Island
      NG NGA Nigeria
      NI NIC Nicaragua
      NL NLD Netherlands
      NO NOR Norway
      NP NPL Nepal
      NR NRU Nauru
      NU NIU Niue
      NZ NZL New Zealand
      OM OMN Oman
      PA PAN Panama
      PE PER Peru
      PF PYF French Polynesia
      PG PNG Papua New Guinea
      PH PHL Philippines
      PK PAK Pakistan
      PL POL Poland
      PM SPM St. Pierre & Miquelon
      PN PCN Pitcairn Islands
      PR PRI Puerto Rico
      PS PSE Palestinian Territories|Palestine|Palestinian Territory
      PT PRT Portugal
      PW PLW Palau
      PY PRY Paraguay
      QA QAT Qatar
      RE REU Réunion
      RO ROU Romania
      RS SRB Serbia
      RU RUS Russia|Russian Federation
      RW RWA Rwanda
      SA SAU Saudi Arabia
      SB SLB Solomon Islands
      SC SYC Seychelles
      SD SDN Sudan
      SE SWE Sweden
      SG SGP Singapore
      SH SHN St. Helena
      SI SVN Slovenia
      SJ SJM Svalbard & Jan Mayen|Svalbard and Jan Mayen
      SK SVK Slovakia
      SL SLE Sierra Leone
      SM SMR San Marino
      SN SEN Senegal
      SO SOM Somalia
      SR SUR Suriname
      SS SSD South Sudan
      ST STP São Tomé & Príncipe|Sao Tome and Principe
      SV SLV El Salvador
      SX SXM Sint Maarten
      SY SYR Syria|Syrian Arab Republic
      SZ SWZ Eswatini|Swaziland
      TC TCA Turks & Caicos Islands
      TD TCD Chad
      TF ATF French Southern Territories
      TG TGO Togo
      TH THA Thailand
      TJ TJK Tajikistan
      TK TKL Tokelau
      TL TLS Timor-Leste|East Timor
      TM TKM Turkmenistan
      TN TUN Tunisia
      TO TON Tonga
      TR TUR Turkey|Türkiye|Turkiye
      TT TTO Trinidad & Tobago
      TV TUV Tuvalu
      TW TWN Taiwan|Taiwan, Province of China
      TZ TZA Tanzania|Tanzania, United Republic of
      UA UKR Ukraine
      UG UGA Uganda
      UM UMI U.S. Outlying Islands|United States Minor Outlying Islands
      US USA United States|USA|United States of America
      UY URY Uruguay
      UZ UZB Uzbekistan
      VA VAT Vatican City|Holy See
      VC VCT St. Vincent & Grenadines|Saint Vincent and the Grenadines
      VE VEN Venezuela|Venezuela, Bolivarian Republic of
      VG VGB British Virgin Islands|Virgin Islands, British
      VI VIR U.S. Virgin Islands|Virgin Islands, U.S.
      VN VNM Vietnam|Viet Nam
      VU VUT Vanuatu
      WF WLF Wallis & Futuna
      WS WSM Samoa
      XK XKS Kosovo
      YE YEM Yemen
      YT MYT Mayotte
      ZA ZAF South Africa
      ZM ZMB Zambia
      ZW ZWE Zimbabwe
      """;

  private static final Pattern ALPHA_2 = Pattern.compile("[A-Za-z]{2}");
  private static final Pattern ALPHA_3 = Pattern.compile("[A-Za-z]{3}");
  private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");

  private static final Map<String, String> ALPHA_2_CODES = new HashMap<>();
  private static final Map<String, String> ALPHA_3_CODES = new HashMap<>();
  private static final Map<String, String> NAMES = new HashMap<>();

  static {
    for (String line : TABLE.strip().split("\n")) {
      String[] parts = line.strip().split(" ", 3);
      String alpha2 = parts[0];
      ALPHA_2_CODES.put(alpha2, alpha2);
      ALPHA_3_CODES.put(parts[1], alpha2);
      for (String name : parts[2].split("\\|")) {
        String previous = NAMES.put(normalize(name), alpha2);
        if (previous != null && !previous.equals(alpha2)) {
          throw new IllegalStateException(
              "[BUG] Territory name " + name + " maps to both " + previous + " and " + alpha2);
        }
      }
    }
  }

  private Territories() {}

  /**
   * Returns the ISO 3166-1 alpha-2 code of a territory written as a name, an alpha-2 code or an
   * alpha-3 code; null when {@code territory} is null or blank or has no mapping.
   */
  public static String alpha2(String territory) {
    if (territory == null || territory.isBlank()) {
      return null;
    }

    String trimmed = territory.trim();
    String upper = trimmed.toUpperCase(Locale.ROOT);
    if (ALPHA_2.matcher(trimmed).matches() && ALPHA_2_CODES.containsKey(upper)) {
      return upper;
    }
    if (ALPHA_3.matcher(trimmed).matches() && ALPHA_3_CODES.containsKey(upper)) {
      return ALPHA_3_CODES.get(upper);
    }

    return NAMES.get(normalize(trimmed));
  }

  /** Returns the form in which names are compared. */
  static String normalize(String name) {
    String plain =
        COMBINING_MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("");
    String lower =
        plain.toLowerCase(Locale.ROOT).replace("\u2019", "").replace("'", "").replace("&", " and ");
    StringBuilder normalized = new StringBuilder();
    for (String word : NOT_ALPHANUMERIC.split(lower)) {
      if (word.isEmpty() || word.equals("the")) {
        continue;
      }
      if (normalized.length() > 0) {
        normalized.append(' ');
      }
      normalized.append(word.equals("st") ? "saint" : word);
    }

    return normalized.toString();
  }
}
