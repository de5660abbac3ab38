<?php
/**
 * Settings › Atrium: the one setting, the deployment URL (where embed.js and atrium.config.json
 * are served). Only users who can manage options see or change it; the form carries WordPress's
 * nonce (settings_fields) and the value is validated before it is stored.
 *
 * @package Atrium
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

const ATRIUM_OPTION = 'atrium_deployment_url';

/**
 * Why a value cannot be the deployment URL ('' when it can), and the normalised URL.
 *
 * @param string $value What the administrator typed.
 * @return array{0: string, 1: string} [ normalised URL, problem ]
 */
function atrium_check_deployment_url( $value ) {
	$value = trim( (string) $value );
	$parts = wp_parse_url( $value );
	$hint  = __( 'Enter the Atrium deployment URL, e.g. https://app.northwind.example (where embed.js is served).', 'atrium' );
	if ( '' === $value || ! is_array( $parts ) || empty( $parts['scheme'] ) || empty( $parts['host'] ) ) {
		return array( '', $hint );
	}
	$scheme   = strtolower( $parts['scheme'] );
	$host     = strtolower( $parts['host'] );
	$loopback = in_array( $host, array( 'localhost', '127.0.0.1', '[::1]' ), true );
	if ( 'https' !== $scheme && ! ( 'http' === $scheme && $loopback ) ) {
		return array( '', __( 'The deployment URL must use https (http is accepted for localhost only).', 'atrium' ) );
	}
	if ( isset( $parts['user'] ) || isset( $parts['pass'] ) || isset( $parts['query'] ) || isset( $parts['fragment'] ) ) {
		return array( '', __( 'The deployment URL must not carry credentials, a query or a fragment.', 'atrium' ) . ' ' . $hint );
	}
	if ( ! preg_match( '/^[a-z0-9.\-\[\]:]+$/', $host ) ) {
		return array( '', $hint );
	}
	$path = isset( $parts['path'] ) ? rtrim( $parts['path'], '/' ) : '';
	if ( '' !== $path && ! preg_match( '#^(/[A-Za-z0-9._~\-]+)+$#', $path ) ) {
		return array( '', $hint );
	}
	$port = isset( $parts['port'] ) ? ':' . (int) $parts['port'] : '';
	return array( $scheme . '://' . $host . $port . $path, '' );
}

/**
 * The sanitize callback of the setting: keeps the previous value and shows an error when the new
 * one is not a deployment URL.
 *
 * @param mixed $value Submitted value.
 * @return string
 */
function atrium_sanitize_deployment_url( $value ) {
	list( $url, $problem ) = atrium_check_deployment_url( is_string( $value ) ? $value : '' );
	if ( '' !== $problem ) {
		// The settings screen shows it; elsewhere (REST, scripts) the old value just stays.
		if ( function_exists( 'add_settings_error' ) ) {
			add_settings_error( ATRIUM_OPTION, 'atrium_invalid_url', $problem );
		}
		return (string) get_option( ATRIUM_OPTION, '' );
	}
	return $url;
}

/** The deployment URL, validated again on the way out (the option table is not trusted). */
function atrium_deployment_url() {
	list( $url ) = atrium_check_deployment_url( (string) get_option( ATRIUM_OPTION, '' ) );
	return $url;
}

/** On init, so the validation applies to every way the option is written, not only the form. */
function atrium_register_setting() {
	register_setting(
		'atrium',
		ATRIUM_OPTION,
		array(
			'type'              => 'string',
			'sanitize_callback' => 'atrium_sanitize_deployment_url',
			'default'           => '',
			'show_in_rest'      => false,
		)
	);
}

function atrium_add_settings_fields() {
	add_settings_section( 'atrium_main', __( 'Deployment', 'atrium' ), '__return_false', 'atrium' );
	add_settings_field( ATRIUM_OPTION, __( 'Deployment URL', 'atrium' ), 'atrium_render_url_field', 'atrium', 'atrium_main', array( 'label_for' => ATRIUM_OPTION ) );
}

function atrium_add_settings_page() {
	add_options_page( __( 'Atrium widgets', 'atrium' ), __( 'Atrium', 'atrium' ), 'manage_options', 'atrium', 'atrium_render_settings_page' );
}

function atrium_render_url_field() {
	printf(
		'<input type="url" class="regular-text code" id="%1$s" name="%1$s" value="%2$s" placeholder="https://app.northwind.example" />'
		. '<p class="description">%3$s</p>',
		esc_attr( ATRIUM_OPTION ),
		esc_attr( (string) get_option( ATRIUM_OPTION, '' ) ),
		esc_html__( 'Where your Atrium host is deployed: embed.js and atrium.config.json are loaded from it. `atrium embed add <this site>` prints the value and allows this site.', 'atrium' )
	);
}

function atrium_render_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		wp_die( esc_html__( 'You are not allowed to change the Atrium settings.', 'atrium' ), 403 );
	}
	echo '<div class="wrap"><h1>' . esc_html( get_admin_page_title() ) . '</h1>';
	// options.php checks the nonce and the capability, runs the sanitize callback, then returns here.
	echo '<form action="' . esc_url( admin_url( 'options.php' ) ) . '" method="post">';
	settings_fields( 'atrium' );
	do_settings_sections( 'atrium' );
	submit_button();
	echo '</form>';
	printf(
		'<h2>%1$s</h2><p>%2$s <code>%3$s</code></p><p>%4$s <code>npx atrium embed add %5$s</code></p>',
		esc_html__( 'Sign-in', 'atrium' ),
		esc_html__( 'Visitors who sign in from a widget on any post or page come back to it through one callback page, which this plugin serves. Register it at your identity provider, on this site\'s widget client, as the redirect URI and the post-logout redirect URI:', 'atrium' ),
		esc_html( atrium_callback_url() ),
		esc_html__( 'Allow this site in the Atrium deployment:', 'atrium' ),
		esc_html( atrium_site_origin() . ' --redirect ' . wp_parse_url( atrium_callback_url(), PHP_URL_PATH ) )
	);
	printf(
		'<p>%s <code>[atrium_widget name="markets" base="USD"]</code></p></div>',
		esc_html__( 'Place widgets with the "Atrium widget" block, or in the classic editor with the shortcode', 'atrium' )
	);
}

/**
 * @param string[] $links Action links of the plugin row.
 * @return string[]
 */
function atrium_settings_link( $links ) {
	array_unshift( $links, '<a href="' . esc_url( admin_url( 'options-general.php?page=atrium' ) ) . '">' . esc_html__( 'Settings', 'atrium' ) . '</a>' );
	return $links;
}
