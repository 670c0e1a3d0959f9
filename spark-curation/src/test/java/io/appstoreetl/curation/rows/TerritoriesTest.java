package io.appstoreetl.curation.rows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerritoriesTest {

  @Test
  void appleStorefrontNames() {
    assertThat(Territories.alpha2("United States")).isEqualTo("US");
    assertThat(Territories.alpha2("China mainland")).isEqualTo("CN");
    assertThat(Territories.alpha2("Hong Kong")).isEqualTo("HK");
    assertThat(Territories.alpha2("Macau")).isEqualTo("MO");
    assertThat(Territories.alpha2("Korea, Republic of")).isEqualTo("KR");
    assertThat(Territories.alpha2("Türkiye")).isEqualTo("TR");
    assertThat(Territories.alpha2("Turkey")).isEqualTo("TR");
    assertThat(Territories.alpha2("St. Kitts and Nevis")).isEqualTo("KN");
    assertThat(Territories.alpha2("Saint Vincent and the Grenadines")).isEqualTo("VC");
    assertThat(Territories.alpha2("Côte d'Ivoire")).isEqualTo("CI");
    assertThat(Territories.alpha2("Cote d’Ivoire")).isEqualTo("CI");
    assertThat(Territories.alpha2("Bosnia & Herzegovina")).isEqualTo("BA");
    assertThat(Territories.alpha2("Congo, Democratic Republic of the")).isEqualTo("CD");
    assertThat(Territories.alpha2("Congo")).isEqualTo("CG");
    assertThat(Territories.alpha2("Kosovo")).isEqualTo("XK");
  }

  @Test
  void namesIgnoreCaseSpacesAndAccents() {
    assertThat(Territories.alpha2("  united   KINGDOM ")).isEqualTo("GB");
    assertThat(Territories.alpha2("Sao Tome and Principe")).isEqualTo("ST");
    assertThat(Territories.alpha2("São Tomé & Príncipe")).isEqualTo("ST");
  }

  @Test
  void alphaTwoAndAlphaThreeCodes() {
    assertThat(Territories.alpha2("FR")).isEqualTo("FR");
    assertThat(Territories.alpha2("fr")).isEqualTo("FR");
    assertThat(Territories.alpha2("USA")).isEqualTo("US");
    assertThat(Territories.alpha2("GBR")).isEqualTo("GB");
    assertThat(Territories.alpha2("XKS")).isEqualTo("XK");
    assertThat(Territories.alpha2("UK")).isEqualTo("GB");
  }

  @Test
  void unknownAndEmptyHaveNoCode() {
    assertThat(Territories.alpha2("Atlantis")).isNull();
    assertThat(Territories.alpha2("ZZ")).isNull();
    assertThat(Territories.alpha2("  ")).isNull();
    assertThat(Territories.alpha2(null)).isNull();
  }
}
